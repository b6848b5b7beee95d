package io.switchboard.model.catalog;

import static io.restassured.RestAssured.given;
import static io.switchboard.model.Api.create;
import static io.switchboard.model.Api.model;
import static io.switchboard.model.Api.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.switchboard.model.Api;
import io.switchboard.model.testing.FakeServer;
import io.switchboard.model.testing.FakeServer.Reply;
import io.switchboard.model.testing.FakeVault;
import io.switchboard.model.testing.Upstreams;
import io.switchboard.testing.SwitchboardTestResource;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(SwitchboardTestResource.class)
class CatalogAndHealthTest {

  @BeforeAll
  static void logFailures() {
    RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
  }

  private static ValidatableResponse test(Map<String, Object> body) {
    return given()
        .auth()
        .oauth2(Api.admin())
        .contentType(ContentType.JSON)
        .body(body)
        .post("/api/models/test")
        .then();
  }

  @Test
  void shouldListTheOllamaServersModels() {
    Upstreams.on(
        "/ollama/api/tags",
        ex ->
            Upstreams.reply(
                ex,
                200,
                "{\"models\":[{\"name\":\"llama3.2:latest\",\"model\":\"llama3.2:latest\","
                    + "\"modified_at\":\"2026-05-01T10:00:00Z\",\"size\":2019393189,\"digest\":\"a80c\"}]}"));

    given()
        .auth()
        .oauth2(Api.user())
        .get("/api/models/providers/ollama/models")
        .then()
        .statusCode(200)
        .body("models[0].name", equalTo("llama3.2:latest"))
        .body("models[0].size", equalTo(2019393189))
        .body("models[0].modifiedAt", equalTo("2026-05-01T10:00:00Z"));
  }

  @Test
  void shouldAnswer502WhenTheOllamaServerIsDown() {
    Upstreams.on("/ollama/api/tags", ex -> Upstreams.reply(ex, 503, "{\"error\":\"starting\"}"));

    given()
        .auth()
        .oauth2(Api.user())
        .get("/api/models/providers/ollama/models")
        .then()
        .statusCode(502)
        .body("code", equalTo("provider_unreachable"));
  }

  @Test
  void shouldListTheLitellmProxysModelsAndAnswer502WhenDown() {
    Upstreams.on(
        "/litellm/v1/models",
        ex ->
            Upstreams.reply(
                ex,
                200,
                "{\"object\":\"list\",\"data\":[{\"id\":\"gpt-4o\",\"object\":\"model\",\"owned_by\":\"openai\"}]}"));
    given()
        .auth()
        .oauth2(Api.user())
        .get("/api/models/providers/litellm/models")
        .then()
        .statusCode(200)
        .body("models[0].id", equalTo("gpt-4o"))
        .body("models[0].ownedBy", equalTo("openai"));

    Upstreams.off("/litellm/v1/models");
    given()
        .auth()
        .oauth2(Api.user())
        .get("/api/models/providers/litellm/models")
        .then()
        .statusCode(502)
        .body("code", equalTo("provider_unreachable"));
  }

  @Test
  void shouldServeTheKnownCatalogueAnd404ForAnUnknownProvider() {
    given()
        .auth()
        .oauth2(Api.user())
        .get("/api/models/providers/anthropic/known")
        .then()
        .statusCode(200)
        .body("provider", equalTo("anthropic"))
        .body("models", hasItem("claude-sonnet-4-5"));
    given()
        .auth()
        .oauth2(Api.user())
        .get("/api/models/providers/skynet/known")
        .then()
        .statusCode(404)
        .body("code", equalTo("not_found"));
  }

  @Test
  void shouldTestAProviderWithARealMinimalRequest() {
    try (FakeServer server = new FakeServer()) {
      UUID credential = FakeVault.store(Api.ADMIN, "sk-admin-key");
      server.reply(
          Reply.json(
              200,
              "{\"choices\":[{\"message\":{\"role\":\"assistant\",\"content\":\"ok\"},\"finish_reason\":\"stop\"}]}"));

      test(Map.of(
              "provider",
              "openai",
              "modelId",
              "gpt-4o-mini",
              "endpoint",
              server.url(),
              "credentialId",
              credential.toString()))
          .statusCode(200)
          .body("success", equalTo(true))
          .body("message", equalTo("ok"))
          .body("latencyMs", greaterThanOrEqualTo(0));
      assertThat(server.last().header("Authorization")).isEqualTo("Bearer sk-admin-key");
      assertThat(server.last().text()).contains("\"max_tokens\":16");
    }
  }

  @Test
  void shouldMakeAProvidersErrorReadableInATest() {
    try (FakeServer server = new FakeServer()) {
      server.reply(
          Reply.json(404, "{\"error\":{\"message\":\"The model `gpt-9` does not exist\"}}"));

      test(Map.of("provider", "openai", "modelId", "gpt-9", "endpoint", server.url()))
          .statusCode(200)
          .body("success", equalTo(false))
          .body("error", equalTo("provider_error"))
          .body("message", equalTo("HTTP 404: The model `gpt-9` does not exist"));
    }
  }

  @Test
  void shouldRefuseAMetadataEndpointInATest() {
    test(Map.of(
            "provider",
            "openai",
            "modelId",
            "x",
            "endpoint",
            "http://169.254.169.254/latest/meta-data"))
        .statusCode(400)
        .body("code", equalTo("endpoint_not_allowed"));
    test(Map.of(
            "provider", "openai", "modelId", "x", "endpoint", "http://metadata.google.internal"))
        .statusCode(400)
        .body("code", equalTo("endpoint_not_allowed"));
    test(Map.of("provider", "skynet", "modelId", "x"))
        .statusCode(400)
        .body("code", equalTo("unknown_provider"));
  }

  @Test
  void shouldRefuseTestsByNonAdmins() {
    given()
        .auth()
        .oauth2(Api.user())
        .contentType(ContentType.JSON)
        .body(Map.of("provider", "local", "modelId", "echo"))
        .post("/api/models/test")
        .then()
        .statusCode(403);
  }

  @Test
  void shouldReportHealthWithLatencyAndRouteAroundADownProvider() {
    String topic = "hl" + UUID.randomUUID().toString().substring(0, 6);
    FakeServer up = new FakeServer().reply(Reply.json(200, "{\"object\":\"list\",\"data\":[]}"));
    FakeServer down = new FakeServer();
    String downUrl = down.url();
    down.close();
    String healthy = null;
    String broken = null;
    try {
      healthy =
          create(
              model(
                  unique("up"),
                  "openai",
                  "endpoint",
                  up.url(),
                  "topics",
                  List.of(topic),
                  "priority",
                  2));
      broken =
          create(
              model(
                  unique("dn"),
                  "openai",
                  "endpoint",
                  downUrl,
                  "topics",
                  List.of(topic),
                  "priority",
                  1));

      given()
          .auth()
          .oauth2(Api.user())
          .get("/api/models/health?refresh=true")
          .then()
          .statusCode(200)
          .body("providers.find { it.endpoint == '" + up.url() + "' }.status", equalTo("up"))
          .body(
              "providers.find { it.endpoint == '" + up.url() + "' }.latencyMs",
              greaterThanOrEqualTo(0))
          .body("providers.find { it.endpoint == '" + up.url() + "' }.checkedAt", notNullValue())
          .body("providers.find { it.endpoint == '" + downUrl + "' }.status", equalTo("down"))
          .body("providers.find { it.provider == 'local' }.status", equalTo("up"));

      up.reply(
          Reply.json(
              200,
              "{\"choices\":[{\"message\":{\"content\":\"alive\"},\"finish_reason\":\"stop\"}]}"));
      Api.complete(
              Map.of(
                  "userId",
                  UUID.randomUUID().toString(),
                  "messages",
                  List.of(Api.userMessage("hi")),
                  "topic",
                  topic))
          .statusCode(200)
          .body("model", equalTo(healthy))
          .body(
              "routing.skipped.find { it.model == '" + broken + "' }.reason",
              containsString("provider down"));
    } finally {
      up.close();
      for (String model : new String[] {healthy, broken}) {
        if (model != null) {
          given()
              .auth()
              .oauth2(Api.admin())
              .contentType(ContentType.JSON)
              .body(Map.of("enabled", false))
              .patch("/api/models/" + model)
              .then()
              .statusCode(200);
        }
      }
    }
  }
}
