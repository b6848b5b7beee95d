package io.switchboard.skill.hook;

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

/** One firing of a hook for one event; unique per (hook, event). */
@Entity
@Table(name = "hook_execution")
public class HookExecution extends PanacheEntityBase {

  public static final String PENDING = "pending";
  public static final String RUNNING = "running";
  public static final String SUCCEEDED = "succeeded";
  public static final String FAILED = "failed";
  public static final String DEAD_LETTERED = "dead_lettered";
  public static final String AWAITING_APPROVAL = "awaiting_approval";

  @Id public UUID id;

  @Column(name = "hook_id", nullable = false)
  public UUID hookId;

  @Column(name = "user_id", nullable = false)
  public UUID userId;

  @Column(name = "event_id", nullable = false)
  public UUID eventId;

  @Column(name = "event_type", nullable = false)
  public String eventType;

  /** The event envelope, as delivered (the webhook body). */
  @JdbcTypeCode(SqlTypes.JSON)
  @Column(nullable = false)
  public JsonNode event;

  @Column(nullable = false)
  public String status;

  @Column(nullable = false)
  public int attempts;

  @Column(name = "response_status")
  public Integer responseStatus;

  @Column(name = "duration_ms")
  public Long durationMs;

  public String error;

  @JdbcTypeCode(SqlTypes.JSON)
  public JsonNode result;

  @Column(name = "created_at", nullable = false)
  public Instant createdAt;

  @Column(name = "completed_at")
  public Instant completedAt;
}
