package io.switchboard.model.registry;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A model in the global registry. Never serialised: see {@code ModelView}. */
@Entity
@Table(name = "model")
public class Model extends PanacheEntityBase {

  @Id public UUID id;

  @Column(nullable = false)
  public String name;

  @Column(nullable = false)
  public String provider;

  @Column(name = "model_id", nullable = false)
  public String modelId;

  public String endpoint;

  @Column(name = "credential_id")
  public UUID credentialId;

  @Column(nullable = false)
  public String[] topics;

  @Column(nullable = false)
  public int priority;

  @Column(name = "max_tokens")
  public Integer maxTokens;

  @Column(name = "context_window")
  public Integer contextWindow;

  @Column(name = "cap_tools", nullable = false)
  public boolean capTools;

  @Column(name = "cap_vision", nullable = false)
  public boolean capVision;

  @Column(name = "cap_streaming", nullable = false)
  public boolean capStreaming;

  @Column(nullable = false)
  public boolean enabled;

  @Column(name = "is_default", nullable = false)
  public boolean isDefault;

  @Column(name = "created_at", nullable = false)
  public Instant createdAt;

  @Column(name = "updated_at", nullable = false)
  public Instant updatedAt;

  public List<String> topicList() {
    return topics == null ? List.of() : List.of(topics);
  }

  public static Model byName(String name) {
    return find("name", name).firstResult();
  }
}
