package io.switchboard.agent.agent;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** An agent: its settings, status and counters. {@code lastSeq} is owned by the event log. */
@Entity
@Table(name = "agent")
public class Agent extends PanacheEntityBase {

  public static final String IDLE = "idle";
  public static final String RUNNING = "running";
  public static final String AWAITING_APPROVAL = "awaiting_approval";
  public static final String PAUSED = "paused";
  public static final String STOPPED = "stopped";
  public static final String ERROR = "error";

  @Id public UUID id;

  @Column(name = "user_id", nullable = false)
  public UUID userId;

  @Column(nullable = false)
  public String name;

  @Column(name = "session_id", nullable = false)
  public UUID sessionId;

  public String topic;

  public String model;

  @Column(nullable = false)
  public String status;

  @Column(name = "system_prompt")
  public String systemPrompt;

  @Column(nullable = false)
  public String[] skills;

  @Column(nullable = false)
  public int iteration;

  @Column(name = "total_tokens", nullable = false)
  public long totalTokens;

  @Column(name = "last_error")
  public String lastError;

  @Column(name = "created_at", nullable = false)
  public Instant createdAt;

  @Column(name = "updated_at", nullable = false)
  public Instant updatedAt;

  @Column(name = "deleted_at")
  public Instant deletedAt;

  public boolean deleted() {
    return deletedAt != null;
  }
}
