package io.switchboard.pipeline.notification.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.defaults.event.EventEnvelope;
import io.switchboard.defaults.event.Topics;
import io.switchboard.defaults.outbox.Outbox;
import io.switchboard.defaults.page.PageRequest;
import io.switchboard.defaults.problem.ProblemException;
import io.switchboard.pipeline.notification.Notification;
import io.switchboard.pipeline.notification.rest.NotificationDtos.NotificationList;
import io.switchboard.pipeline.notification.rest.NotificationDtos.NotificationView;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A user's notifications; each new one is also published on {@code notifications}. */
@ApplicationScoped
public class NotificationService {

  /** The event type on the {@code notifications} topic (the WebSocket channel's name). */
  public static final String EVENT_TYPE = "notification";

  private final Outbox outbox;
  private final ObjectMapper json;

  public NotificationService(Outbox outbox, ObjectMapper json) {
    this.outbox = outbox;
    this.json = json;
  }

  /**
   * Creates a notification in the caller's transaction and queues it for the gateway. {@code
   * sourceEventId}: the event it comes from (unique), or {@code null}.
   */
  @Transactional(Transactional.TxType.MANDATORY)
  public Notification create(
      UUID userId, String type, String title, String body, JsonNode data, UUID sourceEventId) {
    Notification n = new Notification();
    n.id = UUID.randomUUID();
    n.userId = userId;
    n.type = type;
    n.title = title.length() > 200 ? title.substring(0, 200) : title;
    n.body = body == null ? "" : body;
    n.data = data == null ? "{}" : data.toString();
    n.createdAt = Instant.now();
    n.sourceEventId = sourceEventId;
    n.persist();
    JsonNode payload = json.valueToTree(view(n));
    outbox.publish(
        Topics.NOTIFICATIONS,
        userId.toString(),
        EventEnvelope.create(EVENT_TYPE, "pipeline-service", userId.toString(), payload));
    return n;
  }

  /**
   * Stores a notification another service already pushed (skill-service's {@code notify} tool and
   * hook actions publish on {@code notifications} themselves): same id, not published again.
   * Nothing happens when that id is already stored.
   */
  @Transactional(Transactional.TxType.MANDATORY)
  public void record(
      UUID id,
      UUID userId,
      String type,
      String title,
      String body,
      JsonNode data,
      Instant createdAt,
      UUID sourceEventId) {
    if (Notification.findById(id) != null) {
      return;
    }
    Notification n = new Notification();
    n.id = id;
    n.userId = userId;
    n.type = type;
    n.title = title.length() > 200 ? title.substring(0, 200) : title;
    n.body = body == null ? "" : body;
    n.data = data == null ? "{}" : data.toString();
    n.createdAt = createdAt;
    n.sourceEventId = sourceEventId;
    n.persist();
  }

  @Transactional
  public NotificationList list(UUID userId, PageRequest page, boolean unreadOnly) {
    String where = unreadOnly ? "userId = ?1 and read = false" : "userId = ?1";
    List<NotificationView> items =
        Notification.<Notification>find(where + " order by createdAt desc, id", userId)
            .range(page.offset(), page.offset() + page.limit() - 1)
            .list()
            .stream()
            .map(this::view)
            .toList();
    long total = Notification.count(where, userId);
    long unread = Notification.count("userId = ?1 and read = false", userId);
    var meta = page.meta(total);
    return new NotificationList(items, unread, total, meta.limit(), meta.offset(), meta.hasMore());
  }

  @Transactional
  public NotificationView markRead(UUID userId, UUID id) {
    Notification n =
        Notification.<Notification>find("id = ?1 and userId = ?2", id, userId)
            .firstResultOptional()
            .orElseThrow(() -> ProblemException.notFound("Notification"));
    n.read = true;
    return view(n);
  }

  @Transactional
  public int markAllRead(UUID userId) {
    return Notification.update("read = true where userId = ?1 and read = false", userId);
  }

  @Transactional
  public long purgeOlderThan(Instant cutoff) {
    return Notification.delete("createdAt < ?1", cutoff);
  }

  public NotificationView view(Notification n) {
    return new NotificationView(
        n.id, n.type, n.title, n.body, readTree(n.data), n.read, n.createdAt);
  }

  private JsonNode readTree(String data) {
    try {
      return json.readTree(data);
    } catch (JsonProcessingException e) {
      return json.createObjectNode();
    }
  }
}
