package io.switchboard.agent.session;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A conversation: chat exchanges or one agent's transcript. */
@Entity
@Table(name = "session")
public class Session extends PanacheEntityBase {

  @Id public UUID id;

  @Column(name = "user_id", nullable = false)
  public UUID userId;

  @Column(nullable = false)
  public String title;

  @Column(name = "agent_id")
  public UUID agentId;

  @Column(name = "message_count", nullable = false)
  public int messageCount;

  @Column(name = "created_at", nullable = false)
  public Instant createdAt;

  @Column(name = "updated_at", nullable = false)
  public Instant updatedAt;

  public static Session create(UUID userId, String title) {
    Session s = new Session();
    s.id = UUID.randomUUID();
    s.userId = userId;
    s.title = title;
    s.createdAt = Instant.now();
    s.updatedAt = s.createdAt;
    s.persist();
    return s;
  }
}
