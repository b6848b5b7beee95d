package io.switchboard.skill.builtin.math;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.switchboard.skill.builtin.BuiltinSkill;
import io.switchboard.skill.tool.PermissionLevel;
import io.switchboard.skill.tool.Schemas;
import io.switchboard.skill.tool.ToolContext;
import io.switchboard.skill.tool.ToolOutcome;
import io.switchboard.skill.tool.ToolSpec;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** {@code math}: evaluates an arithmetic expression with {@link Expression} (no script engine). */
@ApplicationScoped
public class MathSkill implements BuiltinSkill {

  private static final List<ToolSpec> TOOLS =
      List.of(
          new ToolSpec(
              "evaluate",
              "Evaluates arithmetic: numbers, + - * / % ^, parentheses, pi, e, sqrt, abs, sin,"
                  + " cos, tan, asin, acos, atan, ln, log (base 10), log2, exp, floor, ceil,"
                  + " round, min, max, pow.",
              Schemas.parse(
                  """
                  {"type":"object","additionalProperties":false,"required":["expression"],
                   "properties":{"expression":{"type":"string","minLength":1,"maxLength":1000}}}\
                  """),
              PermissionLevel.ALLOW));

  @Override
  public String id() {
    return "math";
  }

  @Override
  public String description() {
    return "Safe evaluation of arithmetic expressions.";
  }

  @Override
  public List<ToolSpec> tools() {
    return TOOLS;
  }

  @Override
  public ToolOutcome call(String tool, JsonNode arguments, ToolContext context) {
    String expression = arguments.path("expression").asText();
    try {
      double value = Expression.evaluate(expression);
      return ToolOutcome.ok(
          JsonNodeFactory.instance.objectNode().put("expression", expression).put("value", value));
    } catch (IllegalArgumentException e) {
      return ToolOutcome.error(e.getMessage());
    }
  }
}
