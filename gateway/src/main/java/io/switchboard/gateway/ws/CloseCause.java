package io.switchboard.gateway.ws;

import io.quarkus.websockets.next.CloseReason;
import java.util.Locale;

/** Why the gateway closes a WebSocket, with the close code the client sees. */
public enum CloseCause {
  /** No token, or a bad, expired, foreign or revoked one at the handshake. */
  INVALID_TOKEN(4001, "invalid token"),
  /** The token's session was signed out while connected. */
  SESSION_REVOKED(4001, "session revoked"),
  /** The token expired while connected. */
  TOKEN_EXPIRED(4001, "token expired"),
  /** More frames waited for the client than its send queue holds. */
  TOO_SLOW(4008, "too slow: send queue full"),
  /** The user already holds the maximum of connections. */
  TOO_MANY_CONNECTIONS(4029, "too many connections"),
  /** A message over the transport's limit (1 MiB). */
  TOO_BIG(1009, "message too big"),
  /** Nothing (no frame, no pong) arrived within the idle timeout. */
  IDLE(4408, "idle timeout"),
  /** This replica is stopping (SIGTERM): reconnect, another replica takes the connection. */
  RESTARTING(1012, "server restarting: reconnect");

  private final int code;
  private final String reason;

  CloseCause(int code, String reason) {
    this.code = code;
    this.reason = reason;
  }

  public int code() {
    return code;
  }

  public CloseReason closeReason() {
    return new CloseReason(code, reason);
  }

  /** The {@code cause} tag of the closes counter, e.g. {@code session_revoked}. */
  public String tag() {
    return name().toLowerCase(Locale.ROOT);
  }
}
