package io.switchboard.auth.totp;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.LockModeType;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * An account's TOTP secret, encrypted; pending after setup, active once enabled. Deleted when TOTP
 * is disabled.
 */
@Entity
@Table(name = "totp_secret")
public class TotpSecret extends PanacheEntityBase {

  @Id
  @Column(name = "user_id")
  public UUID userId;

  /** See {@code SecretCipher}: never the plain secret. */
  @Column(name = "secret_enc", nullable = false)
  public byte[] secretEnc;

  @Column(nullable = false)
  public boolean enabled;

  @Column(name = "enabled_at")
  public Instant enabledAt;

  /** The time step of the last accepted code; this and earlier steps are refused. */
  @Column(name = "last_used_step")
  public Long lastUsedStep;

  @Column(name = "created_at", nullable = false)
  public Instant createdAt;

  @Column(name = "updated_at", nullable = false)
  public Instant updatedAt;

  /** The row of an account, locked until the transaction ends (codes are checked one at a time). */
  public static TotpSecret lockFor(UUID userId) {
    return findById(userId, LockModeType.PESSIMISTIC_WRITE);
  }

  /** Whether the account has TOTP enabled (not merely set up). */
  public static boolean isEnabled(UUID userId) {
    return count("userId = ?1 and enabled = true", userId) > 0;
  }
}
