package io.switchboard.agent.runtime;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * A unit of work on a session, done in id order: a user message to answer, for an agent or a chat
 * exchange. {@code tools} is the JSON snapshot of the tool definitions the user could use when the
 * work was queued (read with the user's token, which the background worker does not have).
 */
@Entity
@Table(name = "agent_work")
public class Work extends PanacheEntityBase {

  public static final String MESSAGE = "message";

  public static final String PENDING = "pending";
  public static final String STARTED = "started";
  public static final String WAITING = "waiting";
  public static final String DONE = "done";
  public static final String FAILED = "failed";
  public static final String CANCELLED = "cancelled";

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  public Long id;

  @Column(name = "session_id", nullable = false)
  public UUID sessionId;

  @Column(name = "agent_id")
  public UUID agentId;

  @Column(name = "user_id", nullable = false)
  public UUID userId;

  @Column(nullable = false)
  public String kind;

  @Column(name = "message_id")
  public UUID messageId;

  public String content;

  public String model;

  public String topic;

  @Column(name = "routed_model")
  public String routedModel;

  @Column(name = "routed_topic")
  public String routedTopic;

  @Column(nullable = false)
  public String tools;

  @Column(nullable = false)
  public int iterations;

  @Column(nullable = false)
  public String status;

  public String error;

  @Column(name = "created_at", nullable = false)
  public Instant createdAt;

  @Column(name = "updated_at", nullable = false)
  public Instant updatedAt;
}
