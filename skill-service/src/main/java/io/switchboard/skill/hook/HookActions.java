package io.switchboard.skill.hook;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.defaults.problem.ProblemException;
import io.switchboard.skill.builtin.notify.NotifySkill;
import io.switchboard.skill.execute.ToolBridge;
import io.switchboard.skill.execute.ToolCall;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;
import java.util.UUID;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/** The non-webhook actions: each runs once and says how it went. */
@ApplicationScoped
public class HookActions {

  /** The end of an action: its status, result and error. */
  public record Done(String status, JsonNode result, String error) {}

  private final NotifySkill notify;
  private final ToolBridge bridge;
  private final AgentClient agents;

  public HookActions(NotifySkill notify, ToolBridge bridge, @RestClient AgentClient agents) {
    this.notify = notify;
    this.bridge = bridge;
    this.agents = agents;
  }

  public Done run(Hook hook, HookExecution execution) {
    JsonNode c = hook.actionConfig;
    try {
      return switch (hook.actionType) {
        case "notify" -> notify(hook, execution, c);
        case "execute_tool" -> tool(hook, c);
        case "spawn_agent" -> spawn(hook, c);
        default -> new Done(HookExecution.FAILED, null, "unknown action " + hook.actionType);
      };
    } catch (ProblemException e) {
      return new Done(
          HookExecution.FAILED, null, e.problem().code() + ": " + cut(e.problem().detail()));
    } catch (WebApplicationException e) {
      return new Done(
          HookExecution.FAILED, null, "agent-service answered " + e.getResponse().getStatus());
    } catch (RuntimeException e) {
      return new Done(HookExecution.FAILED, null, e.getClass().getSimpleName());
    }
  }

  /**
   * A notification for the hook's owner; its id is derived from the execution, so an execution
   * notifies at most once. pipeline-service stores it (its notification list) from the event.
   */
  private Done notify(Hook hook, HookExecution execution, JsonNode c) {
    ObjectNode about =
        JsonNodeFactory.instance
            .objectNode()
            .put("hookId", hook.id.toString())
            .put("hookName", hook.name)
            .put("executionId", execution.id.toString())
            .put("eventType", execution.eventType);
    if (execution.eventId != null) {
      about.put("eventId", execution.eventId.toString());
    }
    UUID id =
        notify.send(
            UUID.nameUUIDFromBytes(("hook-notify:" + execution.id).getBytes(UTF_8)),
            hook.userId,
            "hook",
            c.path("title").asText(),
            c.path("body").asText(),
            "info",
            about);
    return new Done(
        HookExecution.SUCCEEDED,
        JsonNodeFactory.instance
            .objectNode()
            .put("notificationId", id.toString())
            .put("sent", true),
        null);
  }

  private Done tool(Hook hook, JsonNode c) {
    ToolCall call =
        new ToolCall(
            hook.userId,
            null,
            c.path("skillId").asText(),
            c.path("tool").asText(),
            c.path("arguments"),
            null,
            "hook:" + hook.id);
    ToolBridge.Outcome outcome = bridge.execute(call);
    if (outcome instanceof ToolBridge.Awaiting awaiting) {
      ObjectNode result =
          JsonNodeFactory.instance
              .objectNode()
              .put("approvalRequestId", awaiting.approval().requestId().toString());
      return new Done(HookExecution.AWAITING_APPROVAL, result, null);
    }
    var completed = ((ToolBridge.Ran) outcome).completed();
    ObjectNode result = JsonNodeFactory.instance.objectNode();
    result.set("result", completed.result());
    result.put("isError", completed.isError());
    return new Done(
        completed.isError() ? HookExecution.FAILED : HookExecution.SUCCEEDED,
        result,
        completed.isError() ? "the tool reported an error" : null);
  }

  private Done spawn(Hook hook, JsonNode c) {
    JsonNode answer =
        agents.spawn(
            new AgentClient.SpawnRequest(
                hook.userId,
                hook.name,
                c.path("prompt").asText(),
                c.path("topic").asText(null),
                c.path("model").asText(null)));
    return new Done(HookExecution.SUCCEEDED, answer, null);
  }

  private static String cut(String s) {
    return s == null ? "" : s.length() > 300 ? s.substring(0, 300) : s;
  }
}
