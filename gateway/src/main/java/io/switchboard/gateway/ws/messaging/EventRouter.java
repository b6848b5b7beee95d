package io.switchboard.gateway.ws.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.defaults.event.Topics;
import io.switchboard.gateway.ws.Channel;
import io.switchboard.gateway.ws.ServerFrames;
import io.switchboard.gateway.ws.SocketRegistry;
import io.switchboard.gateway.ws.SocketSession;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * Turns one event (the platform's envelope {@code {id,type,source,subject,time,seq?,data}}) into a
 * frame and hands it to the connections of its {@code subject} that subscribed to its channel (and,
 * when narrowed to agents, to its agent): {@code {"type":<channel>,"id","agentId"?,"seq"?,"data",
 * "timestamp"}}, plus {@code "event":<type>} when the event's own type is not the channel's name.
 * An event without a subject reaches nobody.
 */
@ApplicationScoped
public class EventRouter {

  private static final Logger LOG = Logger.getLogger(EventRouter.class);

  private final SocketRegistry registry;
  private final ObjectMapper mapper;
  private final ServerFrames frames;

  public EventRouter(SocketRegistry registry, ObjectMapper mapper) {
    this.registry = registry;
    this.mapper = mapper;
    this.frames = new ServerFrames(mapper);
  }

  /** Delivers the record's event; returns how many connections got it. */
  public int route(String topic, String key, String value) {
    JsonNode event;
    try {
      event = value == null ? null : mapper.readTree(value);
    } catch (Exception e) {
      LOG.warnf("Skipping an unreadable %s record: %s", topic, e.getMessage());
      return 0;
    }
    if (event == null || !event.isObject()) {
      return 0;
    }
    String subject = event.path("subject").asText(null);
    String type = event.path("type").asText(null);
    Optional<Channel> channel = Channel.of(topic, type);
    if (subject == null || channel.isEmpty()) {
      return 0;
    }
    Set<SocketSession> sessions = registry.sessionsOf(subject);
    if (sessions.isEmpty()) {
      return 0;
    }
    JsonNode data = event.path("data");
    String agentId =
        data.path("agentId").isTextual()
            ? data.path("agentId").asText()
            : Topics.AGENT_EVENTS.equals(topic) ? key : null;
    String text = frames.text(frame(channel.get(), type, agentId, event, data));
    int delivered = 0;
    for (SocketSession session : sessions) {
      if (session.wants(channel.get(), agentId)) {
        session.send(text);
        delivered++;
      }
    }
    return delivered;
  }

  private ObjectNode frame(
      Channel channel, String type, String agentId, JsonNode event, JsonNode data) {
    ObjectNode frame = frames.frame(channel.wireName());
    if (!channel.wireName().equals(type)) {
      frame.put("event", type);
    }
    if (event.path("id").isTextual()) {
      frame.put("id", event.path("id").asText());
    }
    if (agentId != null) {
      frame.put("agentId", agentId);
    }
    JsonNode seq = event.path("seq").isIntegralNumber() ? event.path("seq") : data.path("seq");
    if (seq.isIntegralNumber()) {
      frame.put("seq", seq.asLong());
    }
    frame.set("data", data.isMissingNode() ? mapper.nullNode() : data);
    frame.set(
        "timestamp", event.path("time").isMissingNode() ? mapper.nullNode() : event.get("time"));
    return frame;
  }
}
