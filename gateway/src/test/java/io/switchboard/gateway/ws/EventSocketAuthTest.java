package io.switchboard.gateway.ws;

import static io.switchboard.gateway.ws.SocketTestSupport.open;
import static io.switchboard.gateway.ws.SocketTestSupport.socket;
import static io.switchboard.gateway.ws.SocketTestSupport.withToken;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The handshake of {@code /ws}: where the token may be, and the close codes when it is bad. */
@QuarkusTest
@TestProfile(WebSocketUp.class)
class EventSocketAuthTest {

  @TestHTTPResource("/ws")
  URI http;

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
}
