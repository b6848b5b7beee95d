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

/** A user's hook: a trigger (event type or cron), conditions, one action. */
@Entity
@Table(name = "hook")
public class Hook extends PanacheEntityBase {

  public static final String SCHEDULE = "schedule";

  @Id public UUID id;

  @Column(name = "user_id", nullable = false)
  public UUID userId;

  @Column(nullable = false)
  public String name;

  @Column(nullable = false)
  public String trigger;

  /** Quartz cron (UTC) of a {@code schedule} hook. */
  public String cron;

  @JdbcTypeCode(SqlTypes.JSON)
  @Column(nullable = false)
  public JsonNode conditions;

  @Column(name = "action_type", nullable = false)
  public String actionType;

  @JdbcTypeCode(SqlTypes.JSON)
  @Column(name = "action_config", nullable = false)
  public JsonNode actionConfig;

  @Column(nullable = false)
  public boolean enabled;

  @Column(name = "cooldown_ms", nullable = false)
  public long cooldownMs;

  @Column(name = "max_executions")
  public Integer maxExecutions;

  @Column(name = "execution_count", nullable = false)
  public int executionCount;

  @Column(name = "last_fired_at")
  public Instant lastFiredAt;

  @Column(name = "next_fire_at")
  public Instant nextFireAt;

  @Column(nullable = false)
  public String secret;

  @Column(name = "created_at", nullable = false)
  public Instant createdAt;

  @Column(name = "updated_at", nullable = false)
  public Instant updatedAt;

  /** Whether cooldown and max executions let it fire at {@code now}. */
  public boolean mayFire(Instant now) {
    if (maxExecutions != null && executionCount >= maxExecutions) {
      return false;
    }
    return lastFiredAt == null || !lastFiredAt.plusMillis(cooldownMs).isAfter(now);
  }
}
