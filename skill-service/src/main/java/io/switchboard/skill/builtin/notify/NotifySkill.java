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
    UUID id =
        send(
            UUID.randomUUID(),
            context.userId(),
            "tool",
            arguments.path("title").asText(),
            arguments.path("body").asText(),
            arguments.path("level").asText("info"),
            null);
    return ToolOutcome.ok(
        JsonNodeFactory.instance
            .objectNode()
            .put("notificationId", id.toString())
            .put("sent", true));
  }

  /**
   * Records the request and queues its {@code notification} event in the caller's (or a new)
   * transaction. {@code type}: {@code tool} (this tool) or {@code hook} (a hook's notify action);
   * {@code extra} is added to the event's data (e.g. the hook). A second send with the same {@code
   * id} fails on the primary key: one notification per id.
   */
  @Transactional
  public UUID send(
      UUID id,
      UUID userId,
      String type,
      String title,
      String body,
      String level,
      ObjectNode extra) {
    NotificationRequest request = new NotificationRequest();
    request.id = id;
    request.userId = userId;
    request.title = title;
    request.body = body;
    request.level = level;
    request.createdAt = Instant.now();
    request.persist();
    ObjectNode data =
        JsonNodeFactory.instance
            .objectNode()
            .put("id", request.id.toString())
            .put("type", type)
            .put("title", request.title)
            .put("body", request.body)
            .put("level", request.level)
            .put("createdAt", request.createdAt.toString());
    if (extra != null) {
      data.set("data", extra);
    }
    String user = userId.toString();
    outbox.publish(
        Topics.NOTIFICATIONS, user, EventEnvelope.create(EVENT_TYPE, "skill-service", user, data));
    return request.id;
  }
}
