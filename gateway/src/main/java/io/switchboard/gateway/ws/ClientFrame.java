package io.switchboard.gateway.ws;

import java.util.List;

/** A frame a client may send, once parsed and validated ({@link ClientFrames}). */
public sealed interface ClientFrame {

  /** {@code {"type":"ping"}}. */
  record Ping() implements ClientFrame {}

  /** {@code {"type":"subscribe","channels":[...],"agentId"?}}. */
  record Subscribe(List<Channel> channels, String agentId) implements ClientFrame {}

  /** {@code {"type":"unsubscribe","channels":[...],"agentId"?}}. */
  record Unsubscribe(List<Channel> channels, String agentId) implements ClientFrame {}

  /**
   * {@code {"type":"message","agentId"?|"sessionId"?,"content","id"?}}; {@code id} is the client's
   * or a generated one.
   */
  record Message(String agentId, String sessionId, String content, String id)
      implements ClientFrame {}
}
