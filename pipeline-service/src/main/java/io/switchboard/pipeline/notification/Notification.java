package io.switchboard.pipeline.notification;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A notification for a user. */
@Entity
@Table(name = "notification")
public class Notification extends PanacheEntityBase {

  @Id public UUID id;

  @Column(name = "user_id", nullable = false)
  public UUID userId;

  @Column(nullable = false)
  public String type;

  @Column(nullable = false)
  public String title;

  @Column(nullable = false)
  public String body;

  /** A JSON object with the ids the notification is about. */
  @Column(nullable = false)
  public String data;

  @Column(nullable = false)
  public boolean read;

  @Column(name = "created_at", nullable = false)
  public Instant createdAt;

  @Column(name = "source_event_id")
  public UUID sourceEventId;
}
