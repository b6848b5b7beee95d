package io.switchboard.skill.execute;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.defaults.problem.Problem;
import io.switchboard.defaults.problem.ProblemException;
import io.switchboard.skill.catalog.SkillCatalog;
import io.switchboard.skill.tool.Skill;
import io.switchboard.skill.tool.ToolContext;
import io.switchboard.skill.tool.ToolOutcome;
import io.switchboard.skill.tool.ToolSpec;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.Set;

/**
 * The MCP bridge: finds the tool (404), validates the arguments (400), applies the user's
 * permission (403 / 202 awaiting approval), resolves {@code {{secret:NAME}}} just before the call
 * and scrubs the values out of the result and of any problem.
 */
@ApplicationScoped
public class ToolExecutor {

  /** A finished call. */
  public record Completed(JsonNode result, boolean isError, long durationMs) {}

  private final SkillCatalog catalog;
  private final ArgumentValidator validator;
  private final SecretResolver secrets;
  private final ToolRunner runner;

  public ToolExecutor(
      SkillCatalog catalog,
      ArgumentValidator validator,
      SecretResolver secrets,
      ToolRunner runner) {
    this.catalog = catalog;
    this.validator = validator;
    this.secrets = secrets;
    this.runner = runner;
  }

  /** Looks the tool up and validates the call's arguments; the checks before any permission. */
  public ToolSpec check(ToolCall call) {
    Skill skill = catalog.get(call.skillId());
    if (!skill.enabled()) {
      throw ToolProblems.disabled(skill.id());
    }
    ToolSpec tool = catalog.tool(skill, call.tool());
    validator.validate(tool.inputSchema(), call.arguments());
    return tool;
  }

  /** Runs a call that is permitted. */
  public Completed run(ToolCall call) {
    Skill skill = catalog.get(call.skillId());
    if (!skill.enabled()) {
      throw ToolProblems.disabled(skill.id());
    }
    Set<String> names = SecretReferences.names(call.arguments());
    Map<String, String> values =
        secrets.resolve(call.userId(), names, "tool:" + skill.id() + "/" + call.tool());
    JsonNode arguments = SecretReferences.resolve(call.arguments(), values);
    ActiveSecrets.register(values);
    long start = System.nanoTime();
    try {
      ToolOutcome outcome =
          runner.run(
              skill, call.tool(), arguments, new ToolContext(call.userId(), call.userBearer()));
      long durationMs = (System.nanoTime() - start) / 1_000_000;
      return new Completed(
          SecretReferences.scrub(outcome.result(), values), outcome.isError(), durationMs);
    } catch (ProblemException e) {
      throw scrub(e, values);
    } finally {
      ActiveSecrets.releaseLater(values);
    }
  }

  private static ProblemException scrub(ProblemException e, Map<String, String> values) {
    Problem p = e.problem();
    String detail = SecretReferences.scrub(p.detail(), values);
    if (detail == null || detail.equals(p.detail())) {
      return e;
    }
    return new ProblemException(
        Problem.of(p.status(), p.code(), p.title(), detail).withErrors(p.errors()),
        e.retryAfterSeconds());
  }
}
