package io.switchboard.gateway.ws;

import static io.restassured.RestAssured.given;
import static io.switchboard.gateway.ws.SocketTestSupport.open;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.switchboard.gateway.support.WebSocketUp;
import io.switchboard.gateway.support.WsClient;
import io.switchboard.testing.TestTokens;
import java.net.URI;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The client frames of {@code /ws}: their answers, errors and messages forwarded upstream. */
@QuarkusTest
@TestProfile(WebSocketUp.class)
class EventSocketFramesTest {

  @TestHTTPResource("/ws")
  URI http;

  @ConfigProperty(name = "switchboard.gateway.services.agent.url")
  String agentService;

  @Test
  void shouldAnswerPingWithPong() {
    try (WsClient client = open(http, TestTokens.user())) {
      client.send("{\"type\":\"ping\"}").next("pong");
      client.send("{\"type\":\"ping\"}").next("pong");
    }
  }

  @Test
  void shouldAcknowledgeASubscriptionWithItsChannels() {
    try (WsClient client = open(http, TestTokens.user())) {
      JsonNode ack =
          client
              .send("{\"type\":\"subscribe\",\"channels\":[\"agent.status\",\"notification\"]}")
              .next("subscribed");
      assertThat(ack.path("channels").toString()).isEqualTo("[\"agent.status\",\"notification\"]");
    }
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "not json at all|invalid_json",
        "[1,2]|invalid_json",
        "\"text\"|invalid_json",
        "{}|validation_failed",
        "{\"type\":7}|validation_failed",
        "{\"type\":\"shout\"}|unknown_type",
        "{\"type\":\"subscribe\"}|validation_failed",
        "{\"type\":\"subscribe\",\"channels\":[]}|validation_failed",
        "{\"type\":\"subscribe\",\"channels\":\"agent.status\"}|validation_failed",
        "{\"type\":\"subscribe\",\"channels\":[42]}|validation_failed",
        "{\"type\":\"subscribe\",\"channels\":[\"agent.secrets\"]}|unknown_channel",
        "{\"type\":\"subscribe\",\"channels\":[\"agent.status\"],\"agentId\":\"../x\"}|validation_failed",
        "{\"type\":\"unsubscribe\",\"channels\":[\"nope\"]}|unknown_channel",
        "{\"type\":\"message\"}|validation_failed",
        "{\"type\":\"message\",\"content\":\"   \"}|validation_failed",
        "{\"type\":\"message\",\"content\":5}|validation_failed",
        "{\"type\":\"message\",\"content\":\"hi\",\"agentId\":\"a/../b\"}|validation_failed",
        "{\"type\":\"message\",\"content\":\"hi\",\"agentId\":\"a\",\"sessionId\":\"b\"}|validation_failed",
        "{\"type\":\"message\",\"content\":\"hi\",\"id\":{}}|validation_failed"
      })
  void shouldAnswerAMalformedFrameWithAnErrorAndStayOpen(String frame, String code) {
    try (WsClient client = open(http, TestTokens.user())) {
      JsonNode error = client.send(frame).next("error");
      assertThat(error.path("code").asText()).isEqualTo(code);
      assertThat(error.path("message").asText()).isNotBlank();
      client.send("{\"type\":\"ping\"}").next("pong");
    }
  }

  @Test
  void shouldAnswerAFrameOver64KiBWithAnErrorAndStayOpen() {
    try (WsClient client = open(http, TestTokens.user())) {
      String big = "{\"type\":\"ping\",\"pad\":\"" + "x".repeat(70 * 1024) + "\"}";
      JsonNode error = client.send(big).next("error");
      assertThat(error.path("code").asText()).isEqualTo("frame_too_large");
      client.send("{\"type\":\"ping\"}").next("pong");
    }
  }

  @Test
  void shouldCloseWith1009OnAFrameOver1MiB() {
    WsClient client = open(http, TestTokens.user());
    client.send("{\"type\":\"ping\",\"pad\":\"" + "x".repeat(1024 * 1024) + "\"}");
    assertThat(client.closeCode()).isEqualTo(1009);
  }

  @Test
  void shouldForwardAnAgentMessageWithTheUsersTokenThenAcknowledge() {
    String token = TestTokens.user();
    String agentId = UUID.randomUUID().toString();
    try (WsClient client = open(http, token)) {
      JsonNode ack =
          client
              .send(
                  "{\"type\":\"message\",\"agentId\":\""
                      + agentId
                      + "\",\"content\":\"hello agent\",\"id\":\"m-1\"}")
              .next("ack");
      assertThat(ack.path("id").asText()).isEqualTo("m-1");
    }
    JsonPath seen = lastSeenByAgentService(agentId);
    assertThat(seen.getString("method")).isEqualTo("POST");
    assertThat(seen.getString("path")).isEqualTo("/api/agents/" + agentId + "/message");
    assertThat(seen.getString("authorization")).isEqualTo("Bearer " + token);
    assertThat(seen.getString("contentType")).startsWith("application/json");
    assertThat(new JsonPath(seen.getString("body")).getString("message")).isEqualTo("hello agent");
  }

  @Test
  void shouldForwardAChatMessageWithItsSessionThenAcknowledgeWithAGeneratedId() {
    String token = TestTokens.user();
    String sessionId = UUID.randomUUID().toString();
    try (WsClient client = open(http, token)) {
      JsonNode ack =
          client
              .send(
                  "{\"type\":\"message\",\"sessionId\":\""
                      + sessionId
                      + "\",\"content\":\"hello chat\"}")
              .next("ack");
      assertThat(ack.path("id").asText()).isNotBlank();
    }
    JsonPath seen = lastSeenByAgentService(sessionId);
    assertThat(seen.getString("path")).isEqualTo("/api/chat");
    assertThat(seen.getString("authorization")).isEqualTo("Bearer " + token);
    JsonPath body = new JsonPath(seen.getString("body"));
    assertThat(body.getString("message")).isEqualTo("hello chat");
    assertThat(body.getString("sessionId")).isEqualTo(sessionId);
  }

  @Test
  void shouldAnswerAnUnknownAgentWithTheServicesErrorCode() {
    try (WsClient client = open(http, TestTokens.user())) {
      JsonNode error =
          client
              .send(
                  "{\"type\":\"message\",\"agentId\":\"missing\",\"content\":\"hi\",\"id\":\"m-2\"}")
              .next("error");
      assertThat(error.path("code").asText()).isEqualTo("not_found");
      assertThat(error.path("message").asText()).isEqualTo("No agent with this id");
      assertThat(error.path("id").asText()).isEqualTo("m-2");
      client.send("{\"type\":\"ping\"}").next("pong");
    }
  }

  @Test
  void shouldAnswerAFailingServiceWithBadGateway() {
    try (WsClient client = open(http, TestTokens.user())) {
      JsonNode error =
          client
              .send("{\"type\":\"message\",\"agentId\":\"broken\",\"content\":\"hi\",\"id\":7}")
              .next("error");
      assertThat(error.path("code").asText()).isEqualTo("bad_gateway");
      assertThat(error.path("id").asText()).isEqualTo("7");
    }
  }

  @Test
  void shouldAnswerAPlainHttpRequestWithoutUpgradeWithAProblem() {
    given()
        .get("/ws")
        .then()
        .statusCode(404)
        .contentType("application/problem+json")
        .body("code", equalTo("not_found"));
  }

  @Test
  void shouldCountConnectionsAndFrames() {
    try (WsClient client = open(http, TestTokens.user())) {
      client.send("{\"type\":\"ping\"}").next("pong");
      String metrics = given().get("/metrics").then().statusCode(200).extract().asString();
      assertThat(metrics).contains("switchboard_gateway_ws_connections");
      assertThat(metrics).contains("switchboard_gateway_ws_frames_total{direction=\"in\"}");
      assertThat(metrics).contains("switchboard_gateway_ws_frames_total{direction=\"out\"}");
    }
  }

  private JsonPath lastSeenByAgentService(String key) {
    return given()
        .baseUri(agentService)
        .get("/__last/" + key)
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
  }
}
