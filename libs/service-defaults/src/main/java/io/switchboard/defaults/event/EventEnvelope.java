package io.switchboard.defaults.event;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * The envelope of every event on every topic (CloudEvents-like). Consumers deduplicate on {@code
 * id}; {@code subject} is the user the event belongs to; {@code seq} is set where a stream has an
 * order of its own (an agent's events).
 *
 * @param id unique event id, the idempotency key of consumers
 * @param type event type, e.g. {@code agent.status} or {@code session.revoked}
 * @param source the producing service, e.g. {@code auth-service}
 * @param subject the user id the event belongs to
 * @param time when the event happened (UTC)
 * @param seq per-stream sequence number, or {@code null}
 * @param data the type-specific payload
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EventEnvelope(
    UUID id, String type, String source, String subject, Instant time, Long seq, JsonNode data) {

  public EventEnvelope {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(time, "time");
  }

  /** A new event with a fresh id, stamped now. */
  public static EventEnvelope create(String type, String source, String subject, JsonNode data) {
    return new EventEnvelope(UUID.randomUUID(), type, source, subject, Instant.now(), null, data);
  }

  public EventEnvelope withSeq(long sequence) {
    return new EventEnvelope(id, type, source, subject, time, sequence, data);
  }
}
