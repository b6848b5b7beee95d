package io.switchboard.defaults.outbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.switchboard.defaults.event.EventEnvelope;
import io.switchboard.defaults.request.RequestIds;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.sql.DataSource;

/**
 * Writes an event in the caller's transaction, beside the state change it describes; {@link
 * OutboxRelay} sends it to Kafka as soon as the transaction commits. The trace context and request
 * id of the current request travel with it as Kafka headers.
 */
@ApplicationScoped
public class Outbox {

  private static final String INSERT =
      "INSERT INTO outbox_event (id, topic, event_key, envelope, headers)"
          + " VALUES (?, ?, ?, ?::jsonb, ?::jsonb)";

  private static final String WAKE_REGISTERED = Outbox.class.getName() + ".wake";

  private final DataSource dataSource;
  private final ObjectMapper mapper;
  private final TransactionSynchronizationRegistry transactions;
  private final OutboxRelay relay;

  public Outbox(
      DataSource dataSource,
      ObjectMapper mapper,
      TransactionSynchronizationRegistry transactions,
      OutboxRelay relay) {
    this.dataSource = dataSource;
    this.mapper = mapper;
    this.transactions = transactions;
    this.relay = relay;
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
      wakeTheRelayOnCommit();
    } catch (SQLException e) {
      throw new IllegalStateException("Could not queue event " + envelope.id(), e);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("Event " + envelope.id() + " is not serialisable", e);
    }
  }

  /**
   * Once per transaction: after it commits, the relay sends at once instead of at its next poll
   * (which stays, for events a failed send left behind and for other replicas' rows).
   */
  private void wakeTheRelayOnCommit() {
    if (transactions.getResource(WAKE_REGISTERED) != null) {
      return;
    }
    transactions.putResource(WAKE_REGISTERED, Boolean.TRUE);
    transactions.registerInterposedSynchronization(
        new Synchronization() {
          @Override
          public void beforeCompletion() {}

          @Override
          public void afterCompletion(int status) {
            if (status == Status.STATUS_COMMITTED) {
              relay.wake();
            }
          }
        });
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
