package io.switchboard.pipeline.notification.messaging;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.defaults.event.EventEnvelope;
import io.switchboard.defaults.event.Topics;
import io.switchboard.defaults.outbox.ProcessedEvents;
import io.switchboard.pipeline.notification.service.NotificationService;
import io.switchboard.pipeline.run.PipelineRun;
import io.switchboard.pipeline.run.service.RunEvents;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.UUID;

/**
 * Turns another service's event into at most one notification: the event id is recorded with {@link
 * ProcessedEvents} in the transaction that creates it, so a redelivery creates nothing.
 */
@ApplicationScoped
public class NotificationIntake {

  static final String CONSUMER = "pipeline-service.notifications";

  private final ProcessedEvents processed;
  private final NotificationService notifications;

  public NotificationIntake(ProcessedEvents processed, NotificationService notifications) {
    this.processed = processed;
    this.notifications = notifications;
  }

  @Transactional
  public void handle(String topic, EventEnvelope event) {
    if (event.subject() == null || !processed.firstDelivery(CONSUMER, event.id())) {
      return;
    }
    UUID user = UUID.fromString(event.subject());
    JsonNode data = event.data() != null && event.data().isObject() ? event.data() : null;
    if (Topics.NOTIFICATIONS.equals(topic)) {
      if (NotificationService.EVENT_TYPE.equals(event.type())
          && !RunEvents.SOURCE.equals(event.source())
          && data != null) {
        pushedElsewhere(user, event, data);
      }
    } else if (Topics.AGENT_EVENTS.equals(topic)
        && "agent.status".equals(event.type())
        && data != null) {
      nudgeRuns(data.path("agentId").asText(""));
      if ("error".equals(data.path("status").asText())) {
        String body = first(data, "error", "lastError", "message");
        notifications.create(user, "agent.error", "Agent error", body, ids(data), event.id());
      }
    } else if (Topics.APPROVAL_EVENTS.equals(topic)
        && "approval.resolved".equals(event.type())
        && data != null) {
      nudgeToolStages(data.path("requestId").asText(""));
    } else if (Topics.APPROVAL_EVENTS.equals(topic)
        && "approval.requested".equals(event.type())
        && data != null
        && !"pipeline".equals(data.path("source").asText())
        && !RunEvents.SOURCE.equals(data.path("requestedBy").asText())) {
      // Pipeline approvals (approval stages, and skill-service's for tool stages) are notified
      // by the run itself (pipeline.awaiting_approval).
      String body = first(data, "summary", "question", "tool");
      notifications.create(
          user, "approval.requested", "Approval requested", body, ids(data), event.id());
    }
  }

  /**
   * skill-service's notify tool ({@code type:"tool"}) and hook notify actions ({@code
   * type:"hook"}): stored under the pushed notification's id as {@code tool.notify} / {@code
   * hook.notify}, with {@code level} and (hooks) {@code hookId}, {@code hookName}, {@code eventId},
   * {@code eventType} in {@code data}.
   */
  private void pushedElsewhere(UUID user, EventEnvelope event, JsonNode data) {
    UUID id = UUID.nameUUIDFromBytes(("notification:" + event.id()).getBytes(UTF_8));
    try {
      id = UUID.fromString(data.path("id").asText());
    } catch (IllegalArgumentException e) {
      // no usable id of its own: one derived from the event
    }
    String kind = data.path("type").asText("");
    String type = kind.isBlank() ? "notify" : kind + ".notify";
    ObjectNode extra =
        data.path("data").isObject()
            ? ((ObjectNode) data.get("data")).deepCopy()
            : ((ObjectNode) data).objectNode();
    extra.put("level", data.path("level").asText("info"));
    Instant created = event.time() == null ? Instant.now() : event.time();
    try {
      created = Instant.parse(data.path("createdAt").asText());
    } catch (java.time.format.DateTimeParseException e) {
      // the event's time
    }
    String title = first(data, "title");
    notifications.record(
        id,
        user,
        type.length() > 64 ? "notify" : type,
        title.isEmpty() ? "Notification" : title,
        first(data, "body"),
        extra,
        created,
        event.id());
  }

  /** An agent stage waiting on this agent is polled now rather than at its next poll. */
  private static void nudgeRuns(String agentId) {
    if (agentId.isEmpty()) {
      return;
    }
    PipelineRun.update(
        "nextCheckAt = ?1 where status in ('running', 'awaiting_approval') and id in (select"
            + " s.runId from PipelineStage s where s.externalId = ?2 and s.status = 'running')",
        Instant.now(),
        agentId);
  }

  /** A tool stage waiting on this (skill-service) approval checks it now. */
  private static void nudgeToolStages(String requestId) {
    if (requestId.isEmpty()) {
      return;
    }
    PipelineRun.update(
        "nextCheckAt = ?1 where status = 'awaiting_approval' and id in (select s.runId from"
            + " PipelineStage s where s.externalId = ?2 and s.status = 'awaiting_approval')",
        Instant.now(),
        requestId);
  }

  private static ObjectNode ids(JsonNode data) {
    ObjectNode ids = ((ObjectNode) data).objectNode();
    for (String field :
        new String[] {"agentId", "requestId", "sessionId", "skillId", "tool", "expiresAt"}) {
      if (data.hasNonNull(field)) {
        ids.set(field, data.get(field));
      }
    }
    return ids;
  }

  private static String first(JsonNode data, String... fields) {
    for (String f : fields) {
      if (data.hasNonNull(f) && !data.get(f).asText().isBlank()) {
        return data.get(f).asText();
      }
    }
    return "";
  }
}
