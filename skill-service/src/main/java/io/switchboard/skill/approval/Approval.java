package io.switchboard.skill.approval;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A tool call waiting for its user's answer (permission {@code ask}). */
@Entity
@Table(name = "approval")
public class Approval extends PanacheEntityBase {

  public static final String PENDING = "pending";
  public static final String APPROVED = "approved";
  public static final String DENIED = "denied";
  public static final String EXPIRED = "expired";

  @Id public UUID id;

  @Column(name = "user_id", nullable = false)
  public UUID userId;

  @Column(name = "skill_id", nullable = false)
  public String skillId;

  @Column(nullable = false)
  public String tool;

  /** As given: {@code {{secret:NAME}}} references stay unresolved. */
  @JdbcTypeCode(SqlTypes.JSON)
  @Column(nullable = false)
  public JsonNode arguments;

  @Column(nullable = false)
  public String summary;

  /** {@code user} (public API) or the service that asked (agent-service, ...). */
  @Column(name = "requested_by", nullable = false)
  public String requestedBy;

  @Column(nullable = false)
  public String status;

  @Column(nullable = false)
  public boolean remember;

  @Column(name = "created_at", nullable = false)
  public Instant createdAt;

  @Column(name = "expires_at", nullable = false)
  public Instant expiresAt;

  @Column(name = "resolved_at")
  public Instant resolvedAt;

  /** When the approved call was executed (an approval runs its call once). */
  @Column(name = "used_at")
  public Instant usedAt;
}
