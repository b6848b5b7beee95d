package io.switchboard.gateway.ws;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** The frames the gateway answers with, as JSON text. */
public final class ServerFrames {

  private final ObjectMapper mapper;

  public ServerFrames(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  public String connected(String connectionId, String userId) {
    return text(frame("connected").put("connectionId", connectionId).put("userId", userId));
  }

  public String pong() {
    return text(frame("pong"));
  }

  /** {@code subscribed} or {@code unsubscribed}, naming the channels (and agent) of the request. */
  public String channels(String type, List<Channel> channels, String agentId) {
    ObjectNode frame = frame(type);
    channels.forEach(channel -> frame.withArray("channels").add(channel.wireName()));
    if (agentId != null) {
      frame.put("agentId", agentId);
    }
    return text(frame);
  }

  public String ack(String id) {
    return text(frame("ack").put("id", id));
  }

  /** An error; {@code id} names the message it answers, when it answers one. */
  public String error(String code, String message, String id) {
    ObjectNode frame = frame("error").put("code", code).put("message", message);
    if (id != null) {
      frame.put("id", id);
    }
    return text(frame);
  }

  public String text(ObjectNode frame) {
    try {
      return mapper.writeValueAsString(frame);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("A frame is always serialisable", e);
    }
  }

  public ObjectNode frame(String type) {
    return mapper.createObjectNode().put("type", type);
  }
}
