package io.switchboard.gateway.ws;

import io.quarkus.websockets.next.HandshakeRequest;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * Where a WebSocket client may put its token: {@code ?token=<jwt>} (browsers), an {@code
 * Authorization: Bearer <jwt>} header, or the subprotocols {@code bearer, <jwt>} ({@code new
 * WebSocket(url, ["bearer", jwt])}; the server then answers with the subprotocol {@code bearer}).
 */
final class HandshakeTokens {

  static final String SUBPROTOCOL = "bearer";
  private static final String BEARER = "bearer ";

  private HandshakeTokens() {}

  /** The token, or {@code null} when the handshake carries none. */
  static String of(HandshakeRequest request) {
    String fromQuery = queryToken(request.query());
    if (fromQuery != null) {
      return fromQuery;
    }
    String header = request.header("Authorization");
    if (header != null
        && header.length() > BEARER.length()
        && header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      String token = header.substring(BEARER.length()).trim();
      return token.isEmpty() ? null : token;
    }
    return subprotocolToken(request.header(HandshakeRequest.SEC_WEBSOCKET_PROTOCOL));
  }

  static String queryToken(String query) {
    if (query == null) {
      return null;
    }
    for (String pair : query.split("&")) {
      if (pair.startsWith("token=") && pair.length() > "token=".length()) {
        try {
          return URLDecoder.decode(pair.substring("token=".length()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
          return null;
        }
      }
    }
    return null;
  }

  static String subprotocolToken(String protocols) {
    if (protocols == null) {
      return null;
    }
    String[] offered = protocols.split(",");
    for (int i = 0; i + 1 < offered.length; i++) {
      if (SUBPROTOCOL.equalsIgnoreCase(offered[i].trim())) {
        String token = offered[i + 1].trim();
        return token.isEmpty() ? null : token;
      }
    }
    return null;
  }
}
