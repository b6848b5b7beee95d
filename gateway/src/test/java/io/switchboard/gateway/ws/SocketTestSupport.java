package io.switchboard.gateway.ws;

import io.switchboard.gateway.support.WsClient;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

/** Building blocks of the WebSocket tests: addresses, connections and event envelopes. */
final class SocketTestSupport {

  private SocketTestSupport() {}

  /** {@code ws://host:port/ws} from the test's HTTP address of {@code /ws}. */
  static URI socket(URI http) {
    return URI.create(http.toString().replaceFirst("^http", "ws"));
  }

  static URI withToken(URI http, String token) {
    return URI.create(socket(http) + "?token=" + URLEncoder.encode(token, StandardCharsets.UTF_8));
  }

  /** Connects with the token and takes the {@code connected} frame. */
  static WsClient open(URI http, String token) {
    WsClient client = WsClient.connect(withToken(http, token));
    client.next("connected");
    return client;
  }

  static void subscribe(WsClient client, String channels) {
    client.send("{\"type\":\"subscribe\",\"channels\":[" + channels + "]}").next("subscribed");
  }

  /** An event in the platform's envelope, with {@code data} as given (JSON). */
  static String event(String type, UUID subject, Long seq, String data) {
    return "{\"id\":\""
        + UUID.randomUUID()
        + "\",\"type\":\""
        + type
        + "\",\"source\":\"test\",\"subject\":\""
        + subject
        + "\",\"time\":\""
        + Instant.now()
        + "\""
        + (seq == null ? "" : ",\"seq\":" + seq)
        + ",\"data\":"
        + data
        + "}";
  }

  static String revoked(UUID userId, String sessionId) {
    return event(
        "session.revoked",
        userId,
        null,
        "{\"sessionId\":\""
            + sessionId
            + "\",\"userId\":\""
            + userId
            + "\",\"expiresAt\":\""
            + Instant.now().plusSeconds(600)
            + "\"}");
  }
}
