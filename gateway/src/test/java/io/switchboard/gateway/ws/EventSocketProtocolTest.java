package io.switchboard.gateway.ws;

import static io.restassured.RestAssured.given;
import static io.switchboard.gateway.ws.SocketTestSupport.open;
import static io.switchboard.gateway.ws.SocketTestSupport.socket;
import static io.switchboard.gateway.ws.SocketTestSupport.withToken;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.switchboard.defaults.security.TokenClaims;
import io.switchboard.gateway.support.WebSocketUp;
import io.switchboard.gateway.support.WsClient;
import io.switchboard.testing.HostileTokens;
import io.switchboard.testing.TestTokens;
import java.net.URI;
import java.net.http.WebSocketHandshakeException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** The handshake, the client frames and the close codes of {@code /ws}. */
@QuarkusTest
@TestProfile(WebSocketUp.class)
class EventSocketProtocolTest {

  @TestHTTPResource("/ws")
  URI http;

  @ConfigProperty(name = "switchboard.gateway.services.agent.url")
  String agentService;

  @Test
  void shouldGreetWithTheConnectionIdAndTheUserId() {
    UUID user = UUID.randomUUID();
    try (WsClient client = WsClient.connect(withToken(http, TestTokens.user(user)))) {
      JsonNode connected = client.next("connected");
      assertThat(connected.path("userId").asText()).isEqualTo(user.toString());
      assertThat(connected.path("connectionId").asText()).isNotBlank();
    }
  }

  @Test
  void shouldAcceptTheTokenInTheAuthorizationHeader() {
    UUID user = UUID.randomUUID();
    try (WsClient client =
        WsClient.connect(
            socket(http), Map.of("Authorization", "Bearer " + TestTokens.user(user)), List.of())) {
      assertThat(client.next("connected").path("userId").asText()).isEqualTo(user.toString());
    }
  }

  @Test
  void shouldAcceptTheTokenAsBearerSubprotocol() {
    UUID user = UUID.randomUUID();
    try (WsClient client =
        WsClient.connect(socket(http), Map.of(), List.of("bearer", TestTokens.user(user)))) {
      assertThat(client.next("connected").path("userId").asText()).isEqualTo(user.toString());
      assertThat(client.subprotocol()).isEqualTo("bearer");
    }
  }

  @Test
  void shouldCloseWith4001WithoutAToken() {
    assertThat(WsClient.connect(socket(http)).closeCode()).isEqualTo(4001);
  }

  @Test
  void shouldCloseWith4001ForAGarbageToken() {
    assertThat(WsClient.connect(withToken(http, "not-a-jwt")).closeCode()).isEqualTo(4001);
  }

  @Test
  void shouldCloseWith4001ForAnExpiredToken() {
    String expired = TestTokens.expired(UUID.randomUUID());
    assertThat(WsClient.connect(withToken(http, expired)).closeCode()).isEqualTo(4001);
  }

  @Test
  void shouldCloseWith4001ForABadTokenInTheAuthorizationHeader() {
    WsClient client =
        WsClient.connect(socket(http), Map.of("Authorization", "Bearer garbage"), List.of());
    assertThat(client.closeCode()).isEqualTo(4001);
  }

  @Test
  void shouldCloseWith4001ForAServiceToken() {
    String service = TestTokens.service("agent-service");
    assertThat(WsClient.connect(withToken(http, service)).closeCode()).isEqualTo(4001);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("hostileTokensOfUsualSize")
  void shouldCloseWith4001ForEveryHostileToken(String name, String token) {
    WsClient client = WsClient.connect(withToken(http, token));
    assertThat(client.closeCode()).isEqualTo(4001);
    assertThat(client.pending()).isEmpty();
  }

  /** The oversized one never gets this far (see shouldRefuseTheHandshakeOfAnOversizedToken). */
  static Stream<Arguments> hostileTokensOfUsualSize() throws Exception {
    return HostileTokens.arguments()
        .filter(a -> ((String) a.get()[1]).length() <= TokenClaims.MAX_TOKEN_CHARS);
  }

  @Test
  void shouldRefuseTheHandshakeOfAnOversizedToken() {
    // Over 8 KiB: in the header the platform's size filter answers 401; in the query it does not
    // fit the request line (414). Either way nothing parses it and no socket opens.
    String oversized = TestTokens.user() + "x".repeat(9000);
    assertThatThrownBy(
            () ->
                WsClient.connect(
                    socket(http), Map.of("Authorization", "Bearer " + oversized), List.of()))
        .hasCauseInstanceOf(WebSocketHandshakeException.class)
        .cause()
        .satisfies(
            e ->
                assertThat(((WebSocketHandshakeException) e).getResponse().statusCode())
                    .isEqualTo(401));
    assertThatThrownBy(() -> WsClient.connect(withToken(http, oversized)))
        .hasCauseInstanceOf(WebSocketHandshakeException.class);
  }

  @Test
  void shouldCloseWith4001WhenTheTokenExpiresWhileConnected() {
    String shortLived =
        TestTokens.sign(TestTokens.claims(UUID.randomUUID(), Set.of("user")).expiresIn(2));
    WsClient client = open(http, shortLived);
    assertThat(client.closeCode()).isEqualTo(4001);
  }

  @Test
  void shouldCloseWith4029OverThePerUserConnectionLimit() {
    UUID user = UUID.randomUUID();
    List<WsClient> open = new ArrayList<>();
    try {
      for (int i = 0; i < WebSocketUp.MAX_CONNECTIONS_PER_USER; i++) {
        open.add(open(http, TestTokens.user(user)));
      }
      WsClient oneTooMany = WsClient.connect(withToken(http, TestTokens.user(user)));
      assertThat(oneTooMany.closeCode()).isEqualTo(4029);
      // Another user is not affected.
      open.add(open(http, TestTokens.user(UUID.randomUUID())));
      // A closed connection frees its place.
      open.remove(0).close();
      WsClient replacement = WsClient.connect(withToken(http, TestTokens.user(user)));
      open.add(replacement);
      replacement.next("connected");
    } finally {
      open.forEach(WsClient::close);
    }
  }

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
