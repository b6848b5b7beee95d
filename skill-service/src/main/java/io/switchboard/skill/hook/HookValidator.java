package io.switchboard.skill.hook;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.defaults.problem.ProblemException;
import io.switchboard.skill.builtin.http.AddressGuard;
import io.switchboard.skill.execute.ToolCall;
import io.switchboard.skill.execute.ToolExecutor;
import io.switchboard.skill.hook.HookDtos.HookRequest;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/** The rules of a hook beyond bean validation; each refusal is a 400 naming the field. */
@ApplicationScoped
public class HookValidator {

  public static final Set<String> TRIGGERS =
      Set.of(
          "agent.status",
          "agent.message",
          "agent.tool_call",
          "pipeline.completed",
          "pipeline.failed",
          "approval.requested",
          Hook.SCHEDULE);

  public static final Set<String> ACTIONS =
      Set.of("webhook", "notify", "spawn_agent", "execute_tool");

  private static final Pattern HEADER = Pattern.compile("[A-Za-z0-9!#$%&'*+.^_`|~-]{1,100}");
  private static final Set<String> RESERVED_HEADERS =
      Set.of(
          "host",
          "content-length",
          "content-type",
          "connection",
          "expect",
          "upgrade",
          "transfer-encoding",
          "x-signature",
          "x-switchboard-event",
          "x-switchboard-delivery");

  private final AddressGuard guard;
  private final HooksConfig config;
  private final ToolExecutor tools;

  public HookValidator(AddressGuard guard, HooksConfig config, ToolExecutor tools) {
    this.guard = guard;
    this.config = config;
    this.tools = tools;
  }

  public void validate(UUID user, HookRequest r) {
    if (!TRIGGERS.contains(r.trigger())) {
      throw ProblemException.validation("trigger", "must be one of " + String.join(", ", TRIGGERS));
    }
    if (Hook.SCHEDULE.equals(r.trigger())) {
      if (r.cron() == null || r.cron().isBlank()) {
        throw ProblemException.validation("cron", "is required for trigger schedule");
      }
      try {
        Crons.parse(r.cron());
      } catch (IllegalArgumentException e) {
        throw ProblemException.validation("cron", "is not a valid Quartz cron expression");
      }
    } else if (r.cron() != null) {
      throw ProblemException.validation("cron", "is only allowed with trigger schedule");
    }
    String[] bad = Conditions.problem(r.conditions());
    if (bad != null) {
      throw ProblemException.validation(bad[0], bad[1]);
    }
    String type = r.action().type();
    if (!ACTIONS.contains(type)) {
      throw ProblemException.validation(
          "action.type", "must be one of " + String.join(", ", ACTIONS));
    }
    JsonNode c = r.action().config();
    if (c == null || !c.isObject()) {
      throw ProblemException.validation("action.config", "must be an object");
    }
    switch (type) {
      case "webhook" -> webhook(c);
      case "notify" -> {
        text(c, "title", 200, true);
        text(c, "body", 4000, true);
      }
      case "spawn_agent" -> {
        text(c, "prompt", 20000, true);
        text(c, "topic", 200, false);
        text(c, "model", 200, false);
      }
      default -> executeTool(user, c);
    }
  }

  private void webhook(JsonNode c) {
    String url = text(c, "url", 2048, true);
    try {
      guard.check(
          URI.create(url), Optional.empty(), config.allowedPrivateHosts().orElse(List.of()));
    } catch (IllegalArgumentException e) {
      throw ProblemException.validation("action.config.url", "is not a valid URL");
    } catch (AddressGuard.Refused e) {
      throw ProblemException.validation("action.config.url", e.getMessage());
    }
    JsonNode headers = c.get("headers");
    if (headers == null || headers.isNull()) {
      return;
    }
    if (!headers.isObject() || headers.size() > 20) {
      throw ProblemException.validation(
          "action.config.headers", "must be an object of ≤ 20 strings");
    }
    var names = headers.fieldNames();
    while (names.hasNext()) {
      String name = names.next();
      if (!HEADER.matcher(name).matches()
          || RESERVED_HEADERS.contains(name.toLowerCase())
          || !headers.get(name).isTextual()
          || headers.get(name).asText().length() > 2000
          || headers.get(name).asText().matches("(?s).*[\\r\\n].*")) {
        throw ProblemException.validation(
            "action.config.headers." + name, "not a usable header name or value");
      }
    }
  }

  private void executeTool(UUID user, JsonNode c) {
    String skill = text(c, "skillId", 40, true);
    String tool = text(c, "tool", 200, true);
    JsonNode args = c.get("arguments");
    if (args == null || !args.isObject()) {
      throw ProblemException.validation("action.config.arguments", "must be an object");
    }
    try {
      tools.check(new ToolCall(user, null, skill, tool, args, null, "hook"));
    } catch (ProblemException e) {
      if (e.problem().status() == 404) {
        throw ProblemException.validation("action.config.tool", "unknown skill or tool");
      }
      throw e;
    }
  }

  private static String text(JsonNode c, String field, int max, boolean required) {
    JsonNode v = c.get(field);
    if (v == null || v.isNull()) {
      if (required) {
        throw ProblemException.validation("action.config." + field, "is required");
      }
      return null;
    }
    if (!v.isTextual() || v.asText().isBlank() || v.asText().length() > max) {
      throw ProblemException.validation(
          "action.config." + field, "must be a non-empty string of at most " + max + " characters");
    }
    return v.asText();
  }
}
