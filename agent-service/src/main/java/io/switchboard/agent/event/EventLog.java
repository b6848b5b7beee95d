package io.switchboard.agent.event;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.agent.config.AgentConfig;
import io.switchboard.defaults.event.EventEnvelope;
import io.switchboard.defaults.event.Topics;
import io.switchboard.defaults.outbox.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The per-agent events ring. An append takes the next {@code seq} from the agent row's counter (an
 * {@code UPDATE ... RETURNING}, which row-locks the agent until commit, so concurrent appends queue
 * and a rolled-back one leaves no hole), stores the event, drops those older than the ring, and
 * queues it for {@code agent.events} in the same transaction.
 */
@ApplicationScoped
public class EventLog {

  public static final String SOURCE = "agent-service";
  public static final String STATUS = "agent.status";
  public static final String MESSAGE = "agent.message";
  public static final String TOOL_CALL = "agent.tool_call";

  private final EntityManager em;
  private final Outbox outbox;
  private final ObjectMapper json;
  private final AgentConfig config;

  public EventLog(EntityManager em, Outbox outbox, ObjectMapper json, AgentConfig config) {
    this.em = em;
    this.outbox = outbox;
    this.json = json;
    this.config = config;
  }

  /** Appends an event; returns its seq. */
  @Transactional(Transactional.TxType.MANDATORY)
  public long append(UUID agentId, UUID userId, String type, Object data) {
    em.flush();
    long seq =
        ((Number)
                em.createNativeQuery(
                        "UPDATE agent SET last_seq = last_seq + 1 WHERE id = ?1 RETURNING last_seq")
                    .setParameter(1, agentId)
                    .getSingleResult())
            .longValue();
    JsonNode body = Texts.clean((JsonNode) json.valueToTree(data));
    Instant now = Instant.now();
    em.createNativeQuery(
            "INSERT INTO agent_event (agent_id, seq, user_id, type, data, created_at)"
                + " VALUES (?1, ?2, ?3, ?4, ?5, ?6)")
        .setParameter(1, agentId)
        .setParameter(2, seq)
        .setParameter(3, userId)
        .setParameter(4, type)
        .setParameter(5, body.toString())
        .setParameter(6, Timestamp.from(now))
        .executeUpdate();
    em.createNativeQuery("DELETE FROM agent_event WHERE agent_id = ?1 AND seq <= ?2")
        .setParameter(1, agentId)
        .setParameter(2, seq - config.eventRing())
        .executeUpdate();
    EventEnvelope envelope =
        new EventEnvelope(
            UUID.randomUUID(), type, SOURCE, userId.toString(), now, seq, wire(agentId, body));
    outbox.publish(Topics.AGENT_EVENTS, agentId.toString(), envelope);
    return seq;
  }

  /**
   * The Kafka payload: the event's data plus {@code agentId}, so consumers need not read the key.
   */
  private JsonNode wire(UUID agentId, JsonNode data) {
    var node = json.createObjectNode();
    node.put("agentId", agentId.toString());
    data.fields().forEachRemaining(e -> node.set(e.getKey(), e.getValue()));
    return node;
  }

  /** Events with seq > after, oldest first, at most limit + 1 (to tell hasMore). */
  @Transactional
  public EventPage page(UUID agentId, long after, int limit) {
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        em.createNativeQuery(
                "SELECT seq, type, data, created_at FROM agent_event"
                    + " WHERE agent_id = ?1 AND seq > ?2 ORDER BY seq LIMIT ?3")
            .setParameter(1, agentId)
            .setParameter(2, after)
            .setParameter(3, limit + 1)
            .getResultList();
    Object oldest =
        em.createNativeQuery("SELECT min(seq) FROM agent_event WHERE agent_id = ?1")
            .setParameter(1, agentId)
            .getSingleResult();
    Long oldestSeq = oldest == null ? null : ((Number) oldest).longValue();
    boolean hasMore = rows.size() > limit;
    List<AgentEventView> events = rows.stream().limit(limit).map(r -> view(agentId, r)).toList();
    long next = events.isEmpty() ? after : events.get(events.size() - 1).seq();
    boolean gap = oldestSeq != null && after < oldestSeq - 1;
    return new EventPage(events, next, hasMore, oldestSeq, gap);
  }

  private AgentEventView view(UUID agentId, Object[] row) {
    try {
      Instant at = instant(row[3]);
      return new AgentEventView(
          ((Number) row[0]).longValue(),
          (String) row[1],
          agentId,
          json.readTree((String) row[2]),
          at);
    } catch (java.io.IOException e) {
      throw new IllegalStateException("Stored event is not JSON", e);
    }
  }

  private static Instant instant(Object value) {
    if (value instanceof Instant i) {
      return i;
    }
    if (value instanceof Timestamp t) {
      return t.toInstant();
    }
    return ((java.time.OffsetDateTime) value).toInstant();
  }

  /** Removes every event of a deleted agent. */
  @Transactional(Transactional.TxType.MANDATORY)
  public void purge(UUID agentId) {
    em.createNativeQuery("DELETE FROM agent_event WHERE agent_id = ?1")
        .setParameter(1, agentId)
        .executeUpdate();
  }

  public record AgentEventView(
      long seq, String type, UUID agentId, JsonNode data, Instant timestamp) {}

  public record EventPage(
      List<AgentEventView> events, long nextCursor, boolean hasMore, Long oldestSeq, boolean gap) {}
}
