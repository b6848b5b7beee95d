package io.switchboard.agent.session;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.Generated;

/** One message of a session's transcript; {@code toolCalls} is JSON text. */
@Entity
@Table(name = "message")
public class Message extends PanacheEntityBase {

  @Id public UUID id;

  /** Database-assigned order of the transcript. */
  @Generated
  @Column(insertable = false, updatable = false)
  public Long pos;

  @Column(name = "session_id", nullable = false)
  public UUID sessionId;

  @Column(name = "user_id", nullable = false)
  public UUID userId;

  @Column(nullable = false)
  public String role;

  @Column(nullable = false)
  public String content;

  @Column(name = "tool_calls")
  public String toolCalls;

  @Column(name = "tool_call_id")
  public String toolCallId;

  public String model;

  @Column(name = "created_at", nullable = false)
  public Instant createdAt;
}
