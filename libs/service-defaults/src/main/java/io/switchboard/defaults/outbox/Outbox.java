package io.switchboard.defaults.outbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.switchboard.defaults.event.EventEnvelope;
import io.switchboard.defaults.request.RequestIds;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.sql.DataSource;

/**
 * Writes an event in the caller's transaction, beside the state change it describes; {@link
 * OutboxRelay} sends it to Kafka after the commit. The trace context and request id of the current
 * request travel with it as Kafka headers.
 */
@ApplicationScoped
public class Outbox {

  private static final String INSERT =
      "INSERT INTO outbox_event (id, topic, event_key, envelope, headers)"
          + " VALUES (?, ?, ?, ?::jsonb, ?::jsonb)";

  private final DataSource dataSource;
  private final ObjectMapper mapper;

  public Outbox(DataSource dataSource, ObjectMapper mapper) {
    this.dataSource = dataSource;
    this.mapper = mapper;
  }

  /**
   * Queues the event for {@code topic} under {@code key} (the partitioning key: agentId, userId,
   * runId, as ARCHITECTURE.md names them). Must run inside a transaction.
   */
  @Transactional(Transactional.TxType.MANDATORY)
  public void publish(String topic, String key, EventEnvelope envelope) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement insert = connection.prepareStatement(INSERT)) {
      insert.setObject(1, envelope.id());
      insert.setString(2, topic);
      insert.setString(3, key);
      insert.setString(4, mapper.writeValueAsString(envelope));
      insert.setString(5, mapper.writeValueAsString(headers()));
      insert.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException("Could not queue event " + envelope.id(), e);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("Event " + envelope.id() + " is not serialisable", e);
    }
  }

  private static Map<String, String> headers() {
    Map<String, String> headers = new LinkedHashMap<>();
    W3CTraceContextPropagator.getInstance().inject(Context.current(), headers, Map::put);
    String requestId = RequestIds.current();
    if (requestId != null) {
      headers.put(RequestIds.HEADER, requestId);
    }
    return headers;
  }
}
