package io.switchboard.auth.link;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.quarkus.panache.common.Sort;
import io.switchboard.auth.account.rest.AuthDtos.LinkedChannelView;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** A chat-channel identity bound to an account; an identity belongs to at most one account. */
@Entity
@Table(name = "linked_channel")
public class LinkedChannel extends PanacheEntityBase {

  @Id public UUID id;

  @Column(name = "user_id", nullable = false)
  public UUID userId;

  @Column(name = "channel_type", nullable = false)
  public String channelType;

  @Column(name = "channel_user_id", nullable = false)
  public String channelUserId;

  @Column(name = "channel_user_name")
  public String channelUserName;

  @Column(name = "linked_at", nullable = false)
  public Instant linkedAt;

  /** The account's linked channels, oldest first, as {@code /api/auth/me} shows them. */
  public static List<LinkedChannelView> viewsOf(UUID userId) {
    return LinkedChannel.<LinkedChannel>list(
            "userId", Sort.by("linkedAt").and("channelType").and("channelUserId"), userId)
        .stream()
        .map(LinkedChannel::toView)
        .toList();
  }

  public static Optional<LinkedChannel> findByIdentity(String channelType, String channelUserId) {
    return find("channelType = ?1 and channelUserId = ?2", channelType, channelUserId)
        .firstResultOptional();
  }

  public LinkedChannelView toView() {
    return new LinkedChannelView(channelType, channelUserId, channelUserName, linkedAt);
  }
}
