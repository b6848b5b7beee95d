package io.switchboard.pipeline.approval;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** The human gate of an approval stage. */
@Entity
@Table(name = "pipeline_approval")
public class PipelineApproval extends PanacheEntityBase {

  public static final String PENDING = "pending";
  public static final String APPROVED = "approved";
  public static final String DENIED = "denied";
  public static final String EXPIRED = "expired";
  public static final String CANCELLED = "cancelled";

  @Id public UUID id;

  @Column(name = "user_id", nullable = false)
  public UUID userId;

  @Column(name = "run_id", nullable = false)
  public UUID runId;

  @Column(name = "stage_idx", nullable = false)
  public int stageIndex;

  @Column(nullable = false)
  public String question;

  @Column(nullable = false)
  public String status;

  @Column(name = "created_at", nullable = false)
  public Instant createdAt;

  @Column(name = "expires_at", nullable = false)
  public Instant expiresAt;

  @Column(name = "resolved_at")
  public Instant resolvedAt;
}
