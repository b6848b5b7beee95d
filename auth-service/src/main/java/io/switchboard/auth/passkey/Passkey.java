package io.switchboard.auth.passkey;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.quarkus.panache.common.Sort;
import io.switchboard.auth.account.rest.AuthDtos.PasskeyView;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.LockModeType;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** A WebAuthn credential registered to an account. */
@Entity
@Table(name = "passkey")
public class Passkey extends PanacheEntityBase {

  @Id public UUID id;

  @Column(name = "user_id", nullable = false)
  public UUID userId;

  @Column(name = "credential_id", nullable = false)
  public byte[] credentialId;

  /** AAGUID, credential id and COSE public key, as webauthn4j serialises them. */
  @Column(name = "attested_credential_data", nullable = false)
  public byte[] attestedCredentialData;

  @Column(name = "sign_count", nullable = false)
  public long signCount;

  @Column(name = "uv_initialized", nullable = false)
  public boolean uvInitialized;

  @Column(name = "backup_eligible", nullable = false)
  public boolean backupEligible;

  @Column(name = "backup_state", nullable = false)
  public boolean backupState;

  @Column(nullable = false)
  public String name;

  /** Comma-separated transports, or null. */
  @Column public String transports;

  @Column(name = "created_at", nullable = false)
  public Instant createdAt;

  @Column(name = "last_used_at")
  public Instant lastUsedAt;

  public static List<Passkey> listOf(UUID userId) {
    return list("userId", Sort.by("createdAt").and("id"), userId);
  }

  /** The account's passkeys, oldest first, as {@code /api/auth/me} shows them. */
  public static List<PasskeyView> viewsOf(UUID userId) {
    return listOf(userId).stream().map(Passkey::toView).toList();
  }

  public static Optional<Passkey> findByCredentialId(byte[] credentialId) {
    return find("credentialId", (Object) credentialId).firstResultOptional();
  }

  /** The passkey with this credential id, row-locked until the transaction ends. */
  public static Optional<Passkey> lockByCredentialId(byte[] credentialId) {
    return find("credentialId", (Object) credentialId)
        .withLock(LockModeType.PESSIMISTIC_WRITE)
        .firstResultOptional();
  }

  public PasskeyView toView() {
    return new PasskeyView(id, name, createdAt, lastUsedAt);
  }
}
