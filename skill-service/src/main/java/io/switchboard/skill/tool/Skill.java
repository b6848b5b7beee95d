package io.switchboard.skill.tool;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;

/** A named group of tools: a built-in skill or a registered MCP server. */
public interface Skill {

  String SOURCE_BUILTIN = "builtin";
  String SOURCE_MCP = "mcp";

  /** Stable id, used in URLs and permission overrides: lower case letters, digits and '-'. */
  String id();

  String name();

  String description();

  /** {@link #SOURCE_BUILTIN} or {@link #SOURCE_MCP}. */
  String source();

  boolean enabled();

  /** For MCP servers: {@code connected}, {@code connecting}, {@code failed} or {@code disabled}. */
  default String status() {
    return null;
  }

  /** The tools known now (an MCP server that is not connected may list none). */
  List<ToolSpec> tools();

  default Optional<ToolSpec> tool(String name) {
    return tools().stream().filter(t -> t.name().equals(name)).findFirst();
  }

  /**
   * Runs a tool with arguments already validated against its schema and with secrets resolved.
   * Throws {@link io.switchboard.defaults.problem.ProblemException} when the call itself fails.
   */
  ToolOutcome call(String tool, JsonNode arguments, ToolContext context);
}
