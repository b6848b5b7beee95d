package io.switchboard.vault.audit;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** One internal resolution of a credential (or a refusal), readable by the owner. */
@Entity
@Table(name = "credential_audit")
public class CredentialAudit extends PanacheEntityBase {

  public static final String RESOLVED = "resolved";
  public static final String DENIED = "denied";
  public static final String EXPIRED = "expired";
  public static final String UNREADABLE = "unreadable";

  @Id public UUID id;

  @Column(name = "credential_id", nullable = false)
  public UUID credentialId;

  /** The user the service asked on behalf of. */
  @Column(name = "user_id", nullable = false)
  public UUID userId;

  /** The {@code sub} of the service token. */
  @Column(nullable = false)
  public String service;

  public String purpose;

  @Column(name = "resolved_at", nullable = false)
  public Instant resolvedAt;

  @Column(nullable = false)
  public String outcome;

  public static void record(
      UUID credentialId, UUID userId, String service, String purpose, String outcome) {
    CredentialAudit entry = new CredentialAudit();
    entry.id = UUID.randomUUID();
    entry.credentialId = credentialId;
    entry.userId = userId;
    entry.service = service;
    entry.purpose = purpose;
    entry.resolvedAt = Instant.now();
    entry.outcome = outcome;
    entry.persist();
  }
}
