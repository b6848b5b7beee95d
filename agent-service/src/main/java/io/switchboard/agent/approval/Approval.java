package io.switchboard.agent.approval;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A tool call of the agent loop waiting for the user's yes or no. {@code arguments} is JSON. */
@Entity
@Table(name = "approval")
public class Approval extends PanacheEntityBase {

  public static final String PENDING = "pending";
  public static final String APPROVED = "approved";
  public static final String DENIED = "denied";
  public static final String EXPIRED = "expired";
  public static final String CANCELLED = "cancelled";

  @Id public UUID id;

  @Column(name = "user_id", nullable = false)
  public UUID userId;

  @Column(name = "session_id", nullable = false)
  public UUID sessionId;

  @Column(name = "agent_id")
  public UUID agentId;

  @Column(name = "work_id", nullable = false)
  public long workId;

  @Column(name = "call_id", nullable = false)
  public String callId;

  @Column(name = "skill_id", nullable = false)
  public String skillId;

  @Column(nullable = false)
  public String tool;

  @Column(nullable = false)
  public String arguments;

  @Column(nullable = false)
  public String summary;

  @Column(nullable = false)
  public String status;

  @Column(nullable = false)
  public boolean remember;

  public String response;

  @Column(name = "expires_at", nullable = false)
  public Instant expiresAt;

  @Column(name = "created_at", nullable = false)
  public Instant createdAt;

  @Column(name = "resolved_at")
  public Instant resolvedAt;
}
