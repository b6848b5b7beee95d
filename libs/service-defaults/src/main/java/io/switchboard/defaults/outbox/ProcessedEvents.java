package io.switchboard.defaults.outbox;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Makes a consumer idempotent: {@link #firstDelivery} records the event id in the same transaction
 * as the consumer's effects, so a redelivered event is recognised and skipped.
 */
@ApplicationScoped
public class ProcessedEvents {

  private static final String INSERT =
      "INSERT INTO processed_event (consumer, event_id) VALUES (?, ?) ON CONFLICT DO NOTHING";

  private final DataSource dataSource;

  public ProcessedEvents(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** {@code true} the first time {@code consumer} sees {@code eventId}, {@code false} after. */
  @Transactional(Transactional.TxType.MANDATORY)
  public boolean firstDelivery(String consumer, UUID eventId) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement insert = connection.prepareStatement(INSERT)) {
      insert.setString(1, consumer);
      insert.setObject(2, eventId);
      return insert.executeUpdate() == 1;
    } catch (SQLException e) {
      throw new IllegalStateException("Could not record event " + eventId, e);
    }
  }
}
