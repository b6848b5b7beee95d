package io.switchboard.vault.credential;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** One encrypted version of a credential's value. */
@Entity
@Table(name = "credential_secret")
@IdClass(CredentialSecret.Key.class)
public class CredentialSecret extends PanacheEntityBase {

  @Id
  @Column(name = "credential_id")
  public UUID credentialId;

  @Id public int version;

  @Column(nullable = false)
  public byte[] ciphertext;

  @Column(name = "wrapped_data_key", nullable = false)
  public byte[] wrappedDataKey;

  @Column(name = "master_key_version", nullable = false)
  public int masterKeyVersion;

  @Column(name = "created_at", nullable = false)
  public Instant createdAt;

  /** Set when a newer version replaced this one: readable until then, destroyed afterwards. */
  @Column(name = "destroy_after")
  public Instant destroyAfter;

  /** The composite primary key. */
  public static class Key implements Serializable {
    public UUID credentialId;
    public int version;

    @Override
    public boolean equals(Object o) {
      return o instanceof Key k
          && version == k.version
          && Objects.equals(credentialId, k.credentialId);
    }

    @Override
    public int hashCode() {
      return Objects.hash(credentialId, version);
    }
  }
}
