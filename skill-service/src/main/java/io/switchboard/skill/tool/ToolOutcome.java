package io.switchboard.skill.tool;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

/**
 * What a tool answered: its result, and whether the tool itself reports a failure (MCP's {@code
 * isError}: the call worked, the tool says it could not do the job).
 */
public record ToolOutcome(JsonNode result, boolean isError) {

  public static ToolOutcome ok(JsonNode result) {
    return new ToolOutcome(result, false);
  }

  /** A tool-level failure: {@code {"error": message}}. */
  public static ToolOutcome error(String message) {
    return new ToolOutcome(JsonNodeFactory.instance.objectNode().put("error", message), true);
  }
}
