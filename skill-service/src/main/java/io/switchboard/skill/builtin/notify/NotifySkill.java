package io.switchboard.skill.builtin.notify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.defaults.event.EventEnvelope;
import io.switchboard.defaults.event.Topics;
import io.switchboard.defaults.outbox.Outbox;
import io.switchboard.skill.builtin.BuiltinSkill;
import io.switchboard.skill.tool.PermissionLevel;
import io.switchboard.skill.tool.Schemas;
import io.switchboard.skill.tool.ToolContext;
import io.switchboard.skill.tool.ToolOutcome;
import io.switchboard.skill.tool.ToolSpec;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * {@code notify}: sends the calling user a notification. The request is recorded ({@code
 * notification_request}) and, in the same transaction, an event of type {@code notification} is
 * queued for the {@code notifications} topic (key: userId), which the gateway pushes to the user's
 * WebSocket. Only ever to the caller: no recipient argument.
 */
@ApplicationScoped
public class NotifySkill implements BuiltinSkill {

  public static final String EVENT_TYPE = "notification";

  private static final List<ToolSpec> TOOLS =
      List.of(
          new ToolSpec(
              "send",
              "Sends you a notification (shown live in your open clients).",
              Schemas.parse(
                  """
                  {"type":"object","additionalProperties":false,"required":["title","body"],
                   "properties":{"title":{"type":"string","minLength":1,"maxLength":200},
                     "body":{"type":"string","minLength":1,"maxLength":4000},
                     "level":{"type":"string","enum":["info","success","warning","error"]}}}\
                  """),
              PermissionLevel.ALLOW));

  private final Outbox outbox;

  public NotifySkill(Outbox outbox) {
    this.outbox = outbox;
  }

  @Override
  public String id() {
    return "notify";
  }

  @Override
  public String description() {
    return "Notifications to yourself, pushed to your open clients.";
  }

  @Override
  public List<ToolSpec> tools() {
    return TOOLS;
  }

  @Override
  @Transactional
  public ToolOutcome call(String tool, JsonNode arguments, ToolContext context) {
    NotificationRequest request = new NotificationRequest();
    request.id = UUID.randomUUID();
    request.userId = context.userId();
    request.title = arguments.path("title").asText();
    request.body = arguments.path("body").asText();
    request.level = arguments.path("level").asText("info");
    request.createdAt = Instant.now();
    request.persist();
    ObjectNode data =
        JsonNodeFactory.instance
            .objectNode()
            .put("id", request.id.toString())
            .put("type", "tool")
            .put("title", request.title)
            .put("body", request.body)
            .put("level", request.level)
            .put("createdAt", request.createdAt.toString());
    String user = context.userId().toString();
    outbox.publish(
        Topics.NOTIFICATIONS, user, EventEnvelope.create(EVENT_TYPE, "skill-service", user, data));
    return ToolOutcome.ok(
        JsonNodeFactory.instance
            .objectNode()
            .put("notificationId", request.id.toString())
            .put("sent", true));
  }
}
