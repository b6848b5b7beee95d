package io.switchboard.skill.hook;

import static io.restassured.RestAssured.given;
import static io.switchboard.skill.support.Hooks.action;
import static io.switchboard.skill.support.Hooks.create;
import static io.switchboard.skill.support.Hooks.createId;
import static io.switchboard.skill.support.Hooks.hook;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.switchboard.skill.support.HookStub;
import io.switchboard.testing.SwitchboardTestResource;
import io.switchboard.testing.TestTokens;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(SwitchboardTestResource.class)
class HookCrudTest {

  private final UUID user = UUID.randomUUID();

  @BeforeAll
  static void logFailures() {
    RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
  }

  private static Map<String, Object> webhook(String url) {
    return action("webhook", Map.of("url", url));
  }

  private static Map<String, Object> with(Map<String, Object> base, String key, Object value) {
    Map<String, Object> copy = new HashMap<>(base);
    copy.put(key, value);
    return copy;
  }

  private void refused(Map<String, Object> body, String field) {
    create(user, body)
        .statusCode(400)
        .body("code", equalTo("validation_failed"))
        .body("errors[0].field", equalTo(field));
  }

  @Test
  void shouldCreateReadReplaceAndDeleteAHookShowingTheSecretOnce() {
    var created =
        create(user, hook("agent.status", webhook(HookStub.url() + "/ok/crud")))
            .statusCode(201)
            .header("Location", notNullValue())
            .body("trigger", equalTo("agent.status"))
            .body("action.type", equalTo("webhook"))
            .body("enabled", equalTo(true))
            .body("executionCount", equalTo(0))
            .body("secret", startsWith("whsec_"))
            .extract();
    String id = created.path("id");
    var token = TestTokens.user(user);
    given()
        .auth()
        .oauth2(token)
        .get("/api/hooks/" + id)
        .then()
        .statusCode(200)
        .body("secret", nullValue())
        .body("name", equalTo("h-agent.status"));
    given()
        .auth()
        .oauth2(token)
        .get("/api/hooks")
        .then()
        .statusCode(200)
        .body("hooks", hasSize(1))
        .body("hooks[0].secret", nullValue());

    Map<String, Object> replacement =
        with(
            hook("pipeline.failed", action("notify", Map.of("title", "t", "body", "b"))),
            "cooldownMs",
            5000);
    given()
        .auth()
        .oauth2(token)
        .contentType(ContentType.JSON)
        .body(replacement)
        .put("/api/hooks/" + id)
        .then()
        .statusCode(200)
        .body("trigger", equalTo("pipeline.failed"))
        .body("action.type", equalTo("notify"))
        .body("cooldownMs", equalTo(5000))
        .body("secret", nullValue());

    given()
        .auth()
        .oauth2(token)
        .post("/api/hooks/" + id + "/disable")
        .then()
        .statusCode(200)
        .body("enabled", equalTo(false));
    given()
        .auth()
        .oauth2(token)
        .post("/api/hooks/" + id + "/enable")
        .then()
        .statusCode(200)
        .body("enabled", equalTo(true));
    given()
        .auth()
        .oauth2(token)
        .get("/api/hooks/" + id + "/executions")
        .then()
        .statusCode(200)
        .body("executions", hasSize(0))
        .body("total", equalTo(0));

    given().auth().oauth2(token).delete("/api/hooks/" + id).then().statusCode(204);
    given().auth().oauth2(token).get("/api/hooks/" + id).then().statusCode(404);
  }

  @Test
  void shouldHideAnotherUsersHook() {
    String id =
        createId(user, hook("agent.message", action("notify", Map.of("title", "t", "body", "b"))));
    var other = TestTokens.user(UUID.randomUUID());
    given()
        .auth()
        .oauth2(other)
        .get("/api/hooks/" + id)
        .then()
        .statusCode(404)
        .body("code", equalTo("not_found"));
    given()
        .auth()
        .oauth2(other)
        .contentType(ContentType.JSON)
        .body(hook("agent.message", action("notify", Map.of("title", "t", "body", "b"))))
        .put("/api/hooks/" + id)
        .then()
        .statusCode(404);
    given().auth().oauth2(other).post("/api/hooks/" + id + "/disable").then().statusCode(404);
    given().auth().oauth2(other).get("/api/hooks/" + id + "/executions").then().statusCode(404);
    given().auth().oauth2(other).delete("/api/hooks/" + id).then().statusCode(404);
    given().auth().oauth2(other).get("/api/hooks").then().statusCode(200).body("hooks", hasSize(0));
    given().auth().oauth2(TestTokens.user(user)).get("/api/hooks/" + id).then().statusCode(200);
  }

  @Test
  void shouldRefuseAnInvalidCronOrAScheduleWithoutOne() {
    var notify = action("notify", Map.of("title", "t", "body", "b"));
    refused(with(hook("schedule", notify), "cron", "not a cron"), "cron");
    refused(with(hook("schedule", notify), "cron", "0 0 25 * * ?"), "cron");
    refused(hook("schedule", notify), "cron");
    refused(with(hook("agent.status", notify), "cron", "0 * * ? * *"), "cron");
    create(user, with(hook("schedule", notify), "cron", "0 0/5 * ? * *"))
        .statusCode(201)
        .body("nextFireAt", notNullValue());
  }

  @Test
  void shouldRefuseWebhookUrlsThatAreNotHttpOrPointInside() {
    refused(hook("agent.status", webhook("ftp://example.com/x")), "action.config.url");
    refused(hook("agent.status", webhook("file:///etc/passwd")), "action.config.url");
    refused(hook("agent.status", webhook("http://10.1.2.3/hook")), "action.config.url");
    refused(hook("agent.status", webhook("http://169.254.169.254/latest/")), "action.config.url");
    refused(hook("agent.status", webhook("http://localhost:9/x")), "action.config.url");
    refused(hook("agent.status", webhook("http://[::1]/x")), "action.config.url");
    refused(hook("agent.status", action("webhook", Map.of())), "action.config.url");
    refused(
        hook(
            "agent.status",
            action(
                "webhook", Map.of("url", HookStub.url() + "/ok", "headers", Map.of("Host", "x")))),
        "action.config.headers.Host");
  }

  @Test
  void shouldRefuseUnknownTriggersActionsAndBadConfigs() {
    var notify = action("notify", Map.of("title", "t", "body", "b"));
    refused(hook("agent.exploded", notify), "trigger");
    refused(hook("agent.status", action("email", Map.of())), "action.type");
    refused(hook("agent.status", action("notify", Map.of("title", "t"))), "action.config.body");
    refused(hook("agent.status", action("spawn_agent", Map.of())), "action.config.prompt");
    refused(
        hook(
            "agent.status",
            action("execute_tool", Map.of("skillId", "nope", "tool", "x", "arguments", Map.of()))),
        "action.config.tool");
    refused(
        hook(
            "agent.status",
            action(
                "execute_tool", Map.of("skillId", "time", "tool", "now", "arguments", List.of()))),
        "action.config.arguments");
    create(user, Map.of("trigger", "agent.status", "action", notify))
        .statusCode(400)
        .body("code", equalTo("validation_failed"));
    create(user, with(hook("agent.status", notify), "cooldownMs", -1))
        .statusCode(400)
        .body("code", equalTo("validation_failed"));
  }

  @Test
  void shouldRefuseBadConditions() {
    var base = hook("agent.status", action("notify", Map.of("title", "t", "body", "b")));
    refused(with(base, "conditions", Map.of("field", "x")), "conditions");
    refused(
        with(base, "conditions", List.of(Map.of("field", "status", "op", "gt", "value", 1))),
        "conditions[0].op");
    refused(
        with(base, "conditions", List.of(Map.of("op", "eq", "value", 1))), "conditions[0].field");
    refused(
        with(base, "conditions", List.of(Map.of("field", "status", "op", "eq"))),
        "conditions[0].value");
    refused(
        with(base, "conditions", List.of(Map.of("field", "status", "op", "in", "value", "x"))),
        "conditions[0].value");
    create(
            user,
            with(
                base,
                "conditions",
                List.of(
                    Map.of("field", "/status", "op", "in", "value", List.of("idle", "error")),
                    Map.of("field", "agent.id", "op", "exists"))))
        .statusCode(201)
        .body("conditions", hasSize(2));
  }
}
