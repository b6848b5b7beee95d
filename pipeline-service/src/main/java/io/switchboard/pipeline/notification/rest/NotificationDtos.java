package io.switchboard.pipeline.notification.rest;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Bodies of the notification API. */
public final class NotificationDtos {

  private NotificationDtos() {}

  @Schema(name = "Notification")
  public record NotificationView(
      UUID id,
      @Schema(example = "pipeline.completed") String type,
      String title,
      String body,
      JsonNode data,
      boolean read,
      Instant createdAt) {}

  @Schema(name = "NotificationList")
  public record NotificationList(
      List<NotificationView> notifications,
      long unreadCount,
      long total,
      int limit,
      int offset,
      boolean hasMore) {}

  @Schema(name = "NotificationsRead")
  public record ReadAll(int updated) {}
}
