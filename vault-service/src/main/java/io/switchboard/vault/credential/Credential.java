package io.switchboard.vault.credential;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A user's credential: metadata only; the value lives encrypted in {@link CredentialSecret}. */
@Entity
@Table(name = "credential")
public class Credential extends PanacheEntityBase {

  @Id public UUID id;

  @Column(name = "user_id", nullable = false)
  public UUID userId;

  @Column(nullable = false)
  public String name;

  @Column(name = "credential_type", nullable = false)
  public String credentialType;

  public String description;

  @Column(nullable = false)
  public String[] tags;

  /** {@code ••••} plus the last 4 characters of a value of 12 or more characters. */
  @Column(nullable = false)
  public String preview;

  /** The current value version, from 1; incremented by every rotation. */
  @Column(nullable = false)
  public int version;

  @Column(name = "created_at", nullable = false)
  public Instant createdAt;

  @Column(name = "updated_at", nullable = false)
  public Instant updatedAt;

  @Column(name = "rotated_at")
  public Instant rotatedAt;

  @Column(name = "expires_at")
  public Instant expiresAt;
}
