package io.switchboard.pipeline.notification.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.defaults.event.EventEnvelope;
import io.switchboard.defaults.event.Topics;
import io.switchboard.defaults.outbox.ProcessedEvents;
import io.switchboard.pipeline.notification.service.NotificationService;
import io.switchboard.pipeline.run.PipelineRun;
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
    if (Topics.AGENT_EVENTS.equals(topic) && "agent.status".equals(event.type()) && data != null) {
      nudgeRuns(data.path("agentId").asText(""));
      if ("error".equals(data.path("status").asText())) {
        String body = first(data, "error", "lastError", "message");
        notifications.create(user, "agent.error", "Agent error", body, ids(data), event.id());
      }
    } else if (Topics.APPROVAL_EVENTS.equals(topic)
        && "approval.requested".equals(event.type())
        && data != null
        && !"pipeline".equals(data.path("source").asText())) {
      // Pipeline approvals are notified by the run itself (pipeline.awaiting_approval).
      String body = first(data, "summary", "question", "tool");
      notifications.create(
          user, "approval.requested", "Approval requested", body, ids(data), event.id());
    }
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
