package io.switchboard.skill.permission;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A user's own level for one action (tool) of a skill, or {@code *} for all its tools. */
@Entity
@Table(name = "permission_override")
public class PermissionOverride extends PanacheEntityBase {

  public static final String ALL_ACTIONS = "*";

  @Id public UUID id;

  @Column(name = "user_id", nullable = false)
  public UUID userId;

  @Column(name = "skill_id", nullable = false)
  public String skillId;

  @Column(nullable = false)
  public String action;

  /** {@code allow}, {@code ask} or {@code deny}. */
  @Column(nullable = false)
  public String level;

  public String reason;

  @Column(name = "expires_at")
  public Instant expiresAt;

  @Column(name = "updated_at", nullable = false)
  public Instant updatedAt;

  public boolean activeAt(Instant now) {
    return expiresAt == null || expiresAt.isAfter(now);
  }

  public static PermissionOverride find(UUID user, String skill, String action) {
    return find("userId = ?1 and skillId = ?2 and action = ?3", user, skill, action).firstResult();
  }
}
