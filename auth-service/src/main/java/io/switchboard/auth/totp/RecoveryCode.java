package io.switchboard.auth.totp;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A one-time recovery code of an account, stored as a hash only. */
@Entity
@Table(name = "totp_recovery_code")
public class RecoveryCode extends PanacheEntityBase {

  @Id public UUID id;

  @Column(name = "user_id", nullable = false)
  public UUID userId;

  @Column(name = "code_hash", nullable = false)
  public String codeHash;

  @Column(name = "created_at", nullable = false)
  public Instant createdAt;

  @Column(name = "used_at")
  public Instant usedAt;

  /** Stores a fresh, unused code. */
  public static void store(UUID userId, String codeHash, Instant now) {
    RecoveryCode code = new RecoveryCode();
    code.id = UUID.randomUUID();
    code.userId = userId;
    code.codeHash = codeHash;
    code.createdAt = now;
    code.persist();
  }

  /** Marks an unused code as used; true when there was one (atomic: a code works once). */
  public static boolean use(UUID userId, String codeHash, Instant now) {
    return update(
            "usedAt = ?1 where userId = ?2 and codeHash = ?3 and usedAt is null",
            now,
            userId,
            codeHash)
        == 1;
  }

  /** Forgets every code of an account. */
  public static void deleteAllOf(UUID userId) {
    delete("userId", userId);
  }
}
