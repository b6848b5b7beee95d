package io.switchboard.skill.builtin.notify;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A notification the {@code notify} tool was asked to send. */
@Entity
@Table(name = "notification_request")
public class NotificationRequest extends PanacheEntityBase {

  @Id public UUID id;

  @Column(name = "user_id", nullable = false)
  public UUID userId;

  @Column(nullable = false)
  public String title;

  @Column(nullable = false)
  public String body;

  @Column(nullable = false)
  public String level;

  @Column(name = "created_at", nullable = false)
  public Instant createdAt;
}
