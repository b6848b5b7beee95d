package io.switchboard.auth.link;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A single-use code that binds a chat-channel identity to the account of whoever redeems it. Issued
 * to a channel integration (service to service), typed by the user into {@code /api/auth/link}.
 */
@Entity
@Table(name = "link_code")
public class LinkCode extends PanacheEntityBase {

  /** Upper case, from {@code LinkCodeGenerator.ALPHABET}. */
  @Id public String code;

  @Column(name = "channel_type", nullable = false)
  public String channelType;

  @Column(name = "channel_user_id", nullable = false)
  public String channelUserId;

  @Column(name = "channel_user_name")
  public String channelUserName;

  @Column(name = "created_at", nullable = false)
  public Instant createdAt;

  @Column(name = "expires_at", nullable = false)
  public Instant expiresAt;

  /** When it was redeemed; a code is used at most once. */
  @Column(name = "used_at")
  public Instant usedAt;
}
