package io.switchboard.defaults.idempotency;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The {@code idempotency_key} table. Each call is its own short transaction, apart from the one the
 * guarded action runs in: a claim must be visible to a concurrent retry at once.
 */
@ApplicationScoped
public class IdempotencyStore {

  /** What is on record for a key: still running ({@code status == null}) or its answer. */
  public record Entry(String fingerprint, Integer status, String body, String location) {}

  private final DataSource dataSource;

  public IdempotencyStore(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** Records the key as in progress; false when a row already exists. */
  public boolean claim(String userId, String scope, String key, String fingerprint) {
    return update(
            "INSERT INTO idempotency_key (user_id, scope, idem_key, fingerprint) VALUES (?, ?, ?,"
                + " ?) ON CONFLICT DO NOTHING",
            userId,
            scope,
            key,
            fingerprint)
        == 1;
  }

  public Optional<Entry> find(String userId, String scope, String key) {
    return QuarkusTransaction.requiringNew().call(() -> read(userId, scope, key));
  }

  private Optional<Entry> read(String userId, String scope, String key) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT fingerprint, status, body, location FROM idempotency_key"
                    + " WHERE user_id = ? AND scope = ? AND idem_key = ?")) {
      ps.setString(1, userId);
      ps.setString(2, scope);
      ps.setString(3, key);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        Integer status = rs.getObject(2) == null ? null : rs.getInt(2);
        return Optional.of(new Entry(rs.getString(1), status, rs.getString(3), rs.getString(4)));
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot read idempotency key", e);
    }
  }

  public void complete(
      String userId, String scope, String key, int status, String body, String location) {
    update(
        "UPDATE idempotency_key SET status = ?, body = ?, location = ?"
            + " WHERE user_id = ? AND scope = ? AND idem_key = ?",
        status,
        body,
        location,
        userId,
        scope,
        key);
  }

  /** Forgets a key whose request failed, so the client may retry it. */
  public void release(String userId, String scope, String key) {
    update(
        "DELETE FROM idempotency_key WHERE user_id = ? AND scope = ? AND idem_key = ?",
        userId,
        scope,
        key);
  }

  /** Drops keys older than {@code retention}; returns how many. */
  public int purge(Duration retention) {
    return update(
        "DELETE FROM idempotency_key WHERE created_at < now() - make_interval(secs => ?)",
        (double) retention.toSeconds());
  }

  private int update(String sql, Object... args) {
    return QuarkusTransaction.requiringNew().call(() -> execute(sql, args));
  }

  private int execute(String sql, Object... args) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        ps.setObject(i + 1, args[i]);
      }
      return ps.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot update idempotency keys", e);
    }
  }
}
