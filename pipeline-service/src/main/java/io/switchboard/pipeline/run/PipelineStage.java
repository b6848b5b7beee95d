package io.switchboard.pipeline.run;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** One stage of a run, copied from the template when the run started. */
@Entity
@Table(name = "pipeline_stage")
public class PipelineStage extends PanacheEntityBase {

  public static final String PENDING = "pending";
  public static final String RUNNING = "running";
  public static final String AWAITING_APPROVAL = "awaiting_approval";
  public static final String COMPLETED = "completed";
  public static final String FAILED = "failed";
  public static final String CANCELLED = "cancelled";

  @Id public UUID id;

  @Column(name = "run_id", nullable = false)
  public UUID runId;

  @Column(name = "idx", nullable = false)
  public int index;

  @Column(nullable = false)
  public String name;

  @Column(nullable = false)
  public String type;

  /** The stage's config, a JSON object (references not yet rendered). */
  @Column(nullable = false)
  public String config;

  @Column(name = "max_retries", nullable = false)
  public int maxRetries;

  @Column(name = "timeout_seconds", nullable = false)
  public int timeoutSeconds;

  @Column(nullable = false)
  public String status;

  @Column(nullable = false)
  public int attempts;

  /** The agentId of an agent stage's current attempt, or the approval request id. */
  @Column(name = "external_id")
  public String externalId;

  @Column(name = "attempt_started_at")
  public Instant attemptStartedAt;

  @Column(name = "started_at")
  public Instant startedAt;

  @Column(name = "completed_at")
  public Instant completedAt;

  public String output;

  public String error;
}
