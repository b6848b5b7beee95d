package io.switchboard.auth.session.service;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.switchboard.auth.config.AuthConfig;
import io.switchboard.defaults.problem.Problem;
import io.switchboard.defaults.problem.ProblemCode;
import io.switchboard.defaults.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import javax.sql.DataSource;

/**
 * Counts failed logins per key in the database, so every replica sees the same counts: {@code
 * login:<what was typed>} (an unknown user is throttled exactly like a known one) and {@code
 * ip:<client address>} with a higher bound. A key over its bound is blocked for the window: 429
 * with {@code Retry-After}.
 */
@ApplicationScoped
public class LoginThrottle {

  private static final String ENSURE =
      "INSERT INTO login_throttle (throttle_key, failures, window_started_at)"
          + " VALUES (?, 0, now()) ON CONFLICT DO NOTHING";
  private static final String LOCK =
      "SELECT failures, window_started_at, blocked_until FROM login_throttle"
          + " WHERE throttle_key = ? FOR UPDATE";
  private static final String UPDATE =
      "UPDATE login_throttle SET failures = ?, window_started_at = ?, blocked_until = ?"
          + " WHERE throttle_key = ?";
  private static final String BLOCKED =
      "SELECT max(blocked_until) FROM login_throttle"
          + " WHERE throttle_key = ANY (?) AND blocked_until > now()";
  private static final String RESET = "DELETE FROM login_throttle WHERE throttle_key = ?";

  private final DataSource dataSource;
  private final AuthConfig.Throttle config;

  public LoginThrottle(DataSource dataSource, AuthConfig config) {
    this.dataSource = dataSource;
    this.config = config.throttle();
  }

  public static String loginKey(String login) {
    return "login:" + login.trim().toLowerCase(java.util.Locale.ROOT);
  }

  public static String ipKey(String ip) {
    return "ip:" + ip;
  }

  /** Throws 429 when any of the keys is blocked now. */
  public void checkAllowed(String... keys) {
    Instant until = QuarkusTransaction.requiringNew().call(() -> blockedUntil(keys));
    if (until != null) {
      long seconds = Math.max(1, Duration.between(Instant.now(), until).toSeconds() + 1);
      throw new ProblemException(
          Problem.of(
              ProblemCode.RATE_LIMITED,
              "Too many failed sign-ins; try again in " + seconds + " seconds"),
          (int) seconds);
    }
  }

  /** Counts one failure against the login key and the address. */
  public void recordFailure(String loginKey, String ipKey) {
    QuarkusTransaction.requiringNew()
        .run(
            () -> {
              count(loginKey, config.accountFailures());
              count(ipKey, config.ipFailures());
            });
  }

  /**
   * Counts one failure against a key of another feature (e.g. {@code link:<user id>} for wrong link
   * codes), with that feature's own bound and this throttle's window.
   */
  public void recordFailure(String key, int bound) {
    QuarkusTransaction.requiringNew().run(() -> count(key, bound));
  }

  /**
   * Counts one failure against a single key with the per-account bound, e.g. a wrong second-factor
   * code ({@code totp:<userId>}).
   */
  public void recordFailure(String key) {
    recordFailure(key, config.accountFailures());
  }

  /** Forgets the failures of a login key after a successful sign-in. */
  public void reset(String loginKey) {
    QuarkusTransaction.requiringNew().run(() -> execute(RESET, loginKey));
  }

  private Instant blockedUntil(String... keys) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement query = connection.prepareStatement(BLOCKED)) {
      query.setArray(1, connection.createArrayOf("varchar", keys));
      try (ResultSet row = query.executeQuery()) {
        row.next();
        Timestamp until = row.getTimestamp(1);
        return until == null ? null : until.toInstant();
      }
    }
  }

  private void count(String key, int bound) {
    try (Connection connection = dataSource.getConnection()) {
      try (PreparedStatement ensure = connection.prepareStatement(ENSURE)) {
        ensure.setString(1, key);
        ensure.executeUpdate();
      }
      int failures;
      Instant windowStart;
      Timestamp blocked;
      try (PreparedStatement lock = connection.prepareStatement(LOCK)) {
        lock.setString(1, key);
        try (ResultSet row = lock.executeQuery()) {
          row.next();
          failures = row.getInt(1);
          windowStart = row.getTimestamp(2).toInstant();
          blocked = row.getTimestamp(3);
        }
      }
      Instant now = Instant.now();
      if (windowStart.plus(config.window()).isBefore(now)) {
        failures = 0;
        windowStart = now;
        blocked = null;
      }
      failures++;
      if (failures >= bound) {
        blocked = Timestamp.from(now.plus(config.window()));
      }
      try (PreparedStatement update = connection.prepareStatement(UPDATE)) {
        update.setInt(1, failures);
        update.setTimestamp(2, Timestamp.from(windowStart));
        update.setTimestamp(3, blocked);
        update.setString(4, key);
        update.executeUpdate();
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Could not count a failed login", e);
    }
  }

  private void execute(String sql, String key) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setString(1, key);
      statement.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException("Login throttle update failed", e);
    }
  }
}
