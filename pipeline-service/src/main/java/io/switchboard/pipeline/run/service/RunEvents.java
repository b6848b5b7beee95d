package io.switchboard.pipeline.run.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.defaults.event.EventEnvelope;
import io.switchboard.defaults.event.Topics;
import io.switchboard.defaults.outbox.Outbox;
import io.switchboard.pipeline.notification.service.NotificationService;
import io.switchboard.pipeline.run.PipelineRun;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.Map;

/**
 * Publishes a run's status changes on {@code pipeline.events} (key runId, subject userId) in the
 * transaction of the change, and notifies the user of the ones a person should see.
 */
@ApplicationScoped
public class RunEvents {

  public static final String SOURCE = "pipeline-service";
  public static final String STARTED = "pipeline.started";
  public static final String STAGE_COMPLETED = "pipeline.stage_completed";
  public static final String AWAITING_APPROVAL = "pipeline.awaiting_approval";
  public static final String COMPLETED = "pipeline.completed";
  public static final String FAILED = "pipeline.failed";
  public static final String STOPPED = "pipeline.stopped";

  private static final Map<String, String> TITLES =
      Map.of(
          COMPLETED, "Pipeline completed: %s",
          FAILED, "Pipeline failed: %s",
          AWAITING_APPROVAL, "Pipeline waiting for approval: %s");

  private final Outbox outbox;
  private final NotificationService notifications;
  private final ObjectMapper json;

  public RunEvents(Outbox outbox, NotificationService notifications, ObjectMapper json) {
    this.outbox = outbox;
    this.notifications = notifications;
    this.json = json;
  }

  public ObjectNode data() {
    return json.createObjectNode();
  }

  @Transactional(Transactional.TxType.MANDATORY)
  public void publish(PipelineRun run, String type, ObjectNode extra) {
    ObjectNode data = json.createObjectNode();
    data.put("runId", run.id.toString());
    data.put("templateId", run.templateId.toString());
    data.put("name", run.name);
    data.put("status", run.status);
    data.put("currentStage", run.currentStageName);
    if (run.error != null) {
      data.put("error", run.error);
    }
    if (extra != null) {
      data.setAll(extra);
    }
    String user = run.userId.toString();
    EventEnvelope event = EventEnvelope.create(type, SOURCE, user, data);
    outbox.publish(Topics.PIPELINE_EVENTS, run.id.toString(), event);
    String title = TITLES.get(type);
    if (title != null) {
      String body =
          switch (type) {
            case FAILED -> run.error;
            case AWAITING_APPROVAL -> data.path("question").asText("");
            default -> "All stages completed.";
          };
      notifications.create(run.userId, type, title.formatted(run.name), body, data, event.id());
    }
  }
}
