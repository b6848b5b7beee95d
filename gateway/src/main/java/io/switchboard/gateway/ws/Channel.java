package io.switchboard.gateway.ws;

import io.switchboard.defaults.event.Topics;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The six channels a WebSocket client may subscribe to, and which events feed each. */
public enum Channel {
  AGENT_STATUS("agent.status"),
  AGENT_MESSAGE("agent.message"),
  AGENT_TOOL_CALL("agent.tool_call"),
  NOTIFICATION("notification"),
  APPROVAL_REQUESTED("approval.requested"),
  PIPELINE_STATUS("pipeline.status");

  /** The topics the gateway follows for its WebSocket clients. */
  public static final List<String> TOPICS =
      List.of(
          Topics.AGENT_EVENTS,
          Topics.APPROVAL_EVENTS,
          Topics.NOTIFICATIONS,
          Topics.PIPELINE_EVENTS);

  private final String wireName;

  Channel(String wireName) {
    this.wireName = wireName;
  }

  /** The name on the wire, e.g. {@code agent.status}. */
  public String wireName() {
    return wireName;
  }

  /** The channel called {@code name} on the wire. */
  public static Optional<Channel> named(String name) {
    return Arrays.stream(values()).filter(c -> c.wireName.equals(name)).findFirst();
  }

  /** The channel an event of {@code type} on {@code topic} goes to, if any. */
  public static Optional<Channel> of(String topic, String type) {
    if (topic == null || type == null) {
      return Optional.empty();
    }
    return switch (topic) {
      case Topics.AGENT_EVENTS ->
          named(type).filter(c -> c == AGENT_STATUS || c == AGENT_MESSAGE || c == AGENT_TOOL_CALL);
      case Topics.APPROVAL_EVENTS ->
          APPROVAL_REQUESTED.wireName.equals(type)
              ? Optional.of(APPROVAL_REQUESTED)
              : Optional.empty();
      case Topics.NOTIFICATIONS -> Optional.of(NOTIFICATION);
      case Topics.PIPELINE_EVENTS -> Optional.of(PIPELINE_STATUS);
      default -> Optional.empty();
    };
  }
}
