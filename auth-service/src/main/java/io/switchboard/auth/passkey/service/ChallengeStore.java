package io.switchboard.auth.passkey.service;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.switchboard.auth.passkey.PasskeyConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * WebAuthn challenges in the database, so any replica can finish a ceremony another began. A
 * challenge is 32 bytes from a CSPRNG, bound to a purpose (and an account when known), expires
 * after {@link PasskeyConfig#challengeLifetime()} and is consumed at most once, atomically.
 */
@ApplicationScoped
public class ChallengeStore {

  /** What a challenge is for. */
  public enum Purpose {
    REGISTER,
    AUTHENTICATE;

    String value() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /** A challenge just issued. */
  public record Issued(UUID id, byte[] challenge, Instant expiresAt) {}

  /** A challenge just consumed: its bytes and the account it was bound to, if any. */
  public record Consumed(byte[] challenge, UUID userId) {}

  private static final int CHALLENGE_BYTES = 32;
  private static final String DELETE_EXPIRED =
      "DELETE FROM webauthn_challenge WHERE expires_at < now() - interval '1 hour'";
  private static final String INSERT =
      "INSERT INTO webauthn_challenge (id, user_id, purpose, challenge, created_at, expires_at)"
          + " VALUES (?, ?, ?, ?, ?, ?)";
  private static final String CONSUME =
      "UPDATE webauthn_challenge SET used_at = now()"
          + " WHERE purpose = ? AND used_at IS NULL AND expires_at > now() AND %s"
          + " RETURNING challenge, user_id";

  private final SecureRandom random = new SecureRandom();
  private final DataSource dataSource;
  private final PasskeyConfig config;

  public ChallengeStore(DataSource dataSource, PasskeyConfig config) {
    this.dataSource = dataSource;
    this.config = config;
  }

  /** Stores a new challenge; expired ones are swept on the way. */
  public Issued issue(Purpose purpose, UUID userId) {
    byte[] challenge = new byte[CHALLENGE_BYTES];
    random.nextBytes(challenge);
    UUID id = UUID.randomUUID();
    Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    Instant expiresAt = now.plus(config.challengeLifetime());
    QuarkusTransaction.requiringNew()
        .run(
            () -> {
              try (Connection connection = dataSource.getConnection()) {
                try (PreparedStatement sweep = connection.prepareStatement(DELETE_EXPIRED)) {
                  sweep.executeUpdate();
                }
                try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
                  insert.setObject(1, id);
                  insert.setObject(2, userId);
                  insert.setString(3, purpose.value());
                  insert.setBytes(4, challenge);
                  insert.setTimestamp(5, Timestamp.from(now));
                  insert.setTimestamp(6, Timestamp.from(expiresAt));
                  insert.executeUpdate();
                }
              } catch (SQLException e) {
                throw new IllegalStateException("Could not store a WebAuthn challenge", e);
              }
            });
    return new Issued(id, challenge, expiresAt);
  }

  /** Consumes the live challenge of this id and purpose; empty when unknown, used or expired. */
  public Optional<Consumed> consume(Purpose purpose, UUID id) {
    return consume(purpose, "id = ?", id);
  }

  /** Consumes the live challenge of this id and purpose issued to this account. */
  public Optional<Consumed> consume(Purpose purpose, UUID id, UUID userId) {
    return consume(purpose, "id = ? AND user_id = ?", id, userId);
  }

  /**
   * Consumes the live challenge with these bytes, of this purpose, issued to this account; empty
   * when there is none.
   */
  public Optional<Consumed> consume(Purpose purpose, byte[] challenge, UUID userId) {
    return consume(purpose, "challenge = ? AND user_id = ?", challenge, userId);
  }

  private Optional<Consumed> consume(Purpose purpose, String condition, Object... values) {
    return QuarkusTransaction.requiringNew()
        .call(
            () -> {
              try (Connection connection = dataSource.getConnection();
                  PreparedStatement update =
                      connection.prepareStatement(String.format(CONSUME, condition))) {
                update.setString(1, purpose.value());
                for (int i = 0; i < values.length; i++) {
                  update.setObject(i + 2, values[i]);
                }
                try (ResultSet row = update.executeQuery()) {
                  if (!row.next()) {
                    return Optional.empty();
                  }
                  return Optional.of(new Consumed(row.getBytes(1), row.getObject(2, UUID.class)));
                }
              }
            });
  }
}
