package io.switchboard.model.completion;

import static io.restassured.RestAssured.given;
import static io.switchboard.model.Api.create;
import static io.switchboard.model.Api.model;
import static io.switchboard.model.Api.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.switchboard.model.Api;
import io.switchboard.testing.SwitchboardTestResource;
import io.switchboard.testing.TestTokens;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(SwitchboardTestResource.class)
class CompletionResourceTest {

  private static final UUID USER = UUID.randomUUID();
  private static final Map<String, Object> SEARCH_TOOL =
      Map.of(
          "name",
          "web_search",
          "description",
          "Search the web",
          "inputSchema",
          Map.of(
              "type", "object",
              "properties", Map.of("query", Map.of("type", "string")),
              "required", List.of("query")));

  @BeforeAll
  static void logFailures() {
    RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
  }

  static ValidatableResponse complete(Map<String, Object> body) {
    return given()
        .auth()
        .oauth2(Api.service())
        .contentType(ContentType.JSON)
        .body(body)
        .post("/internal/completions")
        .then();
  }

  static Map<String, Object> user(String text) {
    return Map.of("role", "user", "content", text);
  }

  @Test
  void shouldAnswerWithTheBuiltInLocalModelWithoutAnyKey() {
    complete(
            Map.of(
                "userId",
                USER.toString(),
                "messages",
                List.of(user("hello")),
                "model",
                "local-echo"))
        .statusCode(200)
        .body("model", equalTo("local-echo"))
        .body("provider", equalTo("local"))
        .body("message.role", equalTo("assistant"))
        .body("message.content", equalTo("[local/echo] You said: hello"))
        .body("finishReason", equalTo("stop"))
        .body("routing.chosen", equalTo("local-echo"))
        .body("routing.reason", equalTo("requested model"))
        .body("usage.inputTokens", equalTo(2));
  }

  @Test
  void shouldRunAToolLoopWithTheLocalModel() {
    ValidatableResponse first =
        complete(
                Map.of(
                    "userId", USER.toString(),
                    "messages", List.of(user("use web_search {\"query\":\"switchboard\"}")),
                    "tools", List.of(SEARCH_TOOL),
                    "model", "local-echo"))
            .statusCode(200)
            .body("finishReason", equalTo("tool_calls"))
            .body("message.toolCalls[0].name", equalTo("web_search"))
            .body("message.toolCalls[0].arguments.query", equalTo("switchboard"));
    String callId = first.extract().path("message.toolCalls[0].id");
    Map<String, Object> assistant =
        Map.of(
            "role",
            "assistant",
            "toolCalls",
            List.of(
                Map.of(
                    "id",
                    callId,
                    "name",
                    "web_search",
                    "arguments",
                    Map.of("query", "switchboard"))));
    Map<String, Object> result = Map.of("role", "tool", "toolCallId", callId, "content", "3 hits");

    complete(
            Map.of(
                "userId", USER.toString(),
                "messages", List.of(user("use web_search"), assistant, result),
                "tools", List.of(SEARCH_TOOL),
                "model", "local-echo"))
        .statusCode(200)
        .body("finishReason", equalTo("stop"))
        .body("message.content", equalTo("[local/echo] The tool web_search returned: 3 hits"));
  }

  @Test
  void shouldStreamDeltasThenTheWholeResponse() {
    String body =
        complete(
                Map.of(
                    "userId",
                    USER.toString(),
                    "messages",
                    List.of(user("stream me please")),
                    "model",
                    "local-echo",
                    "stream",
                    true))
            .statusCode(200)
            .contentType(startsWith("text/event-stream"))
            .extract()
            .asString();

    assertThat(body).contains("event: delta\ndata: {\"content\":\"[local/echo] \"}");
    assertThat(body.indexOf("event: done")).isGreaterThan(body.lastIndexOf("event: delta"));
    assertThat(body).contains("\"content\":\"[local/echo] You said: stream me please\"");
  }

  @Test
  void shouldStreamWhenTheClientAcceptsEventStream() {
    String body =
        given()
            .auth()
            .oauth2(Api.service())
            .contentType(ContentType.JSON)
            .accept("text/event-stream")
            .body(
                Map.of(
                    "userId",
                    USER.toString(),
                    "messages",
                    List.of(user("hi")),
                    "model",
                    "local-echo"))
            .post("/internal/completions")
            .then()
            .statusCode(200)
            .extract()
            .asString();

    assertThat(body).contains("event: delta").contains("event: done");
  }

  @Test
  void shouldRefuseRoutingToADisabledModel() {
    String name = create(model(unique("off"), "local", "enabled", false));

    complete(Map.of("userId", USER.toString(), "messages", List.of(user("hi")), "model", name))
        .statusCode(409)
        .body("code", equalTo("model_disabled"));
  }

  @Test
  void shouldSkipADisabledModelOfTheTopicAndSayWhy() {
    String topic = "t" + UUID.randomUUID().toString().substring(0, 6);
    String off =
        create(
            model(
                unique("off"), "local", "enabled", false, "topics", List.of(topic), "priority", 0));
    String on =
        create(
            model(
                unique("on"), "local", "modelId", "echo", "topics", List.of(topic), "priority", 1));

    complete(Map.of("userId", USER.toString(), "messages", List.of(user("hi")), "topic", topic))
        .statusCode(200)
        .body("model", equalTo(on))
        .body("topic", equalTo(topic))
        .body("routing.reason", startsWith("fallback 1 for topic " + topic))
        .body("routing.skipped.model", hasItem(off))
        .body("routing.skipped.find { it.model == '" + off + "' }.reason", equalTo("disabled"));
  }

  @Test
  void shouldAnswer404ForAnUnknownModelAnd400ForAnUnknownTopic() {
    complete(
            Map.of(
                "userId",
                USER.toString(),
                "messages",
                List.of(user("hi")),
                "model",
                "nope-" + UUID.randomUUID()))
        .statusCode(404)
        .body("code", equalTo("not_found"));
    complete(
            Map.of(
                "userId",
                USER.toString(),
                "messages",
                List.of(user("hi")),
                "topic",
                "no-such-topic"))
        .statusCode(400)
        .body("code", equalTo("validation_failed"));
  }

  @Test
  void shouldValidateTheRequest() {
    complete(Map.of("messages", List.of(user("hi"))))
        .statusCode(400)
        .body("code", equalTo("validation_failed"));
    complete(Map.of("userId", USER.toString(), "messages", List.of()))
        .statusCode(400)
        .body("code", equalTo("validation_failed"));
    complete(
            Map.of(
                "userId",
                USER.toString(),
                "messages",
                List.of(Map.of("role", "wizard", "content", "x"))))
        .statusCode(400)
        .body("code", equalTo("validation_failed"));
  }

  @Test
  void shouldRefuseUserTokens() {
    given()
        .auth()
        .oauth2(TestTokens.user(USER))
        .contentType(ContentType.JSON)
        .body(Map.of("userId", USER.toString(), "messages", List.of(user("hi"))))
        .post("/internal/completions")
        .then()
        .statusCode(403);
  }

  @Test
  void shouldCountProviderCallsAndTokensInMetrics() {
    complete(
            Map.of(
                "userId",
                USER.toString(),
                "messages",
                List.of(user("count me")),
                "model",
                "local-echo"))
        .statusCode(200);

    given()
        .get("/metrics")
        .then()
        .statusCode(200)
        .body(
            org.hamcrest.Matchers.containsString(
                "switchboard_model_calls_total{model=\"local-echo\",outcome=\"ok\",provider=\"local\"}"))
        .body(
            org.hamcrest.Matchers.containsString(
                "switchboard_model_tokens_total{direction=\"output\""));
  }
}
