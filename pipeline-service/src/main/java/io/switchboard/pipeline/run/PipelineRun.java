package io.switchboard.pipeline.run;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/** A run of a template. The executor claims it with a lease while it works on it. */
@Entity
@Table(name = "pipeline_run")
public class PipelineRun extends PanacheEntityBase {

  public static final String PENDING = "pending";
  public static final String RUNNING = "running";
  public static final String AWAITING_APPROVAL = "awaiting_approval";
  public static final String COMPLETED = "completed";
  public static final String FAILED = "failed";
  public static final String STOPPED = "stopped";
  public static final Set<String> ACTIVE = Set.of(PENDING, RUNNING, AWAITING_APPROVAL);

  @Id public UUID id;

  @Column(name = "user_id", nullable = false)
  public UUID userId;

  @Column(name = "template_id", nullable = false)
  public UUID templateId;

  @Column(nullable = false)
  public String name;

  @Column(nullable = false)
  public String status;

  /** Index of the stage in progress (or the last one, once finished). */
  @Column(name = "current_stage", nullable = false)
  public int currentStage;

  @Column(name = "current_stage_name", nullable = false)
  public String currentStageName;

  /** The run's input, a JSON object. */
  @Column(nullable = false)
  public String input;

  public String error;

  @Column(name = "created_at", nullable = false)
  public Instant createdAt;

  @Column(name = "started_at", nullable = false)
  public Instant startedAt;

  @Column(name = "completed_at")
  public Instant completedAt;

  /** When the executor should look at the run next; {@code null} once finished. */
  @Column(name = "next_check_at")
  public Instant nextCheckAt;

  @Column(name = "lease_owner")
  public String leaseOwner;

  @Column(name = "lease_until")
  public Instant leaseUntil;

  public boolean active() {
    return ACTIVE.contains(status);
  }
}
