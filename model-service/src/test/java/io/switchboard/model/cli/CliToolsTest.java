package io.switchboard.model.cli;

import static io.restassured.RestAssured.given;
import static io.switchboard.model.Api.complete;
import static io.switchboard.model.Api.create;
import static io.switchboard.model.Api.model;
import static io.switchboard.model.Api.unique;
import static io.switchboard.model.Api.userMessage;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.switchboard.model.Api;
import io.switchboard.model.testing.FakeCli;
import io.switchboard.model.testing.FakeServer;
import io.switchboard.model.testing.FakeServer.Reply;
import io.switchboard.testing.SwitchboardTestResource;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Subscription CLI tools as providers, played by shell scripts the test writes. */
@QuarkusTest
@WithTestResource(SwitchboardTestResource.class)
class CliToolsTest {

  @BeforeAll
  static void scripts() {
    RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    FakeCli.write(
        "fake",
        "if [ \"$1\" = \"--version\" ]; then echo \"fake-cli 1.2.3\"; exit 0; fi\n"
            + "echo \"CLI says: $2\"");
    FakeCli.write(
        "stdintool",
        "if [ \"$1\" = \"--version\" ]; then exit 3; fi\nread line; echo \"read: $line\"");
    FakeCli.write("slow", "sleep 30");
    FakeCli.write("quotatool", "echo 'Claude AI usage limit reached|1767225600'\nexit 1");
  }

  private static Map<String, Object> ask(String text, String key, String value) {
    return Map.of(
        "userId", UUID.randomUUID().toString(), "messages", List.of(userMessage(text)), key, value);
  }

  @Test
  void shouldReportWhichToolsAreInstalledWithTheirVersions() {
    given()
        .auth()
        .oauth2(Api.user())
        .get("/api/models/cli/status")
        .then()
        .statusCode(200)
        .body("tools.find { it.name == 'fake' }.available", equalTo(true))
        .body("tools.find { it.name == 'fake' }.version", equalTo("fake-cli 1.2.3"))
        .body("tools.find { it.name == 'fake' }.path", equalTo(FakeCli.path("fake")))
        .body("tools.find { it.name == 'stdintool' }.available", equalTo(true))
        .body("tools.find { it.name == 'stdintool' }.version", nullValue())
        .body("tools.find { it.name == 'slow' }.available", equalTo(true))
        .body("tools.find { it.name == 'slow' }.version", nullValue())
        .body("tools.find { it.name == 'claude' }.command", equalTo("claude"));
  }

  @Test
  void shouldAnswerThroughACliToolAndCountItsUsage() {
    String name = create(model(unique("cli"), "cli", "modelId", "fake"));

    complete(ask("hello there", "model", name))
        .statusCode(200)
        .body("provider", equalTo("cli"))
        .body("message.content", equalTo("CLI says: hello there"));

    given()
        .auth()
        .oauth2(Api.user())
        .get("/api/models/cli/quota")
        .then()
        .statusCode(200)
        .body("quotas.find { it.provider == 'fake' }.exhausted", equalTo(false))
        .body("quotas.find { it.provider == 'fake' }.usage.requests", equalTo(1))
        .body("quotas.find { it.provider == 'fake' }.usage.date", notNullValue());
  }

  @Test
  void shouldPassThePromptOnStdinWithoutAPlaceholder() {
    String name = create(model(unique("cli"), "cli", "modelId", "stdintool"));

    complete(ask("via stdin", "model", name))
        .statusCode(200)
        .body("message.content", equalTo("read: via stdin"));
  }

  @Test
  void shouldMarkAToolExhaustedAndFallBackButNeverToAPaidApi() {
    String topic = "q" + UUID.randomUUID().toString().substring(0, 6);
    try (FakeServer paid = new FakeServer()) {
      paid.reply(
          Reply.json(
              200,
              "{\"choices\":[{\"message\":{\"content\":\"paid\"},\"finish_reason\":\"stop\"}]}"));
      String cli =
          create(
              model(
                  unique("cli"),
                  "cli",
                  "modelId",
                  "quotatool",
                  "topics",
                  List.of(topic),
                  "priority",
                  1));
      String api =
          create(
              model(
                  unique("api"),
                  "openai",
                  "endpoint",
                  paid.url(),
                  "topics",
                  List.of(topic),
                  "priority",
                  2));
      String free = create(model(unique("free"), "local", "topics", List.of(topic), "priority", 3));

      complete(ask("hi", "topic", topic))
          .statusCode(200)
          .body("model", equalTo(free))
          .body(
              "routing.skipped.find { it.model == '" + cli + "' }.reason",
              containsString("provider_quota_exhausted"))
          .body(
              "routing.skipped.find { it.model == '" + api + "' }.reason",
              containsString("paid fallback"));
      assertThat(paid.received).isEmpty();

      given()
          .auth()
          .oauth2(Api.user())
          .get("/api/models/cli/quota")
          .then()
          .body("quotas.find { it.provider == 'quotatool' }.exhausted", equalTo(true))
          .body("quotas.find { it.provider == 'quotatool' }.resetsAt", notNullValue());
      complete(ask("again", "topic", topic))
          .statusCode(200)
          .body("model", equalTo(free))
          .body(
              "routing.skipped.find { it.model == '" + cli + "' }.reason",
              equalTo("quota exhausted"));
    }
  }

  @Test
  void shouldTreatADailyRequestLimitAsExhaustion() {
    String name = create(model(unique("lim"), "cli", "modelId", "limited"));
    complete(ask("one", "model", name)).statusCode(200);

    given()
        .auth()
        .oauth2(Api.user())
        .get("/api/models/cli/quota")
        .then()
        .body("quotas.find { it.provider == 'limited' }.exhausted", equalTo(true))
        .body("quotas.find { it.provider == 'limited' }.limit", equalTo(1));
    complete(ask("two", "model", name)).statusCode(503).body("code", equalTo("no_model_available"));
  }
}
