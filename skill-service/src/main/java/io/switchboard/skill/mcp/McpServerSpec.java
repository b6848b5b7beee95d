package io.switchboard.skill.mcp;

import java.util.List;
import java.util.Map;

/** What a connection needs to know of a registered server (a snapshot of {@link McpServer}). */
public record McpServerSpec(
    String name,
    String description,
    String transport,
    String command,
    List<String> args,
    String url,
    Map<String, String> env,
    boolean enabled) {

  static McpServerSpec of(McpServer s) {
    return new McpServerSpec(
        s.name,
        s.description,
        s.transport,
        s.command,
        s.args == null ? List.of() : List.copyOf(s.args),
        s.url,
        s.env == null ? Map.of() : Map.copyOf(s.env),
        s.enabled);
  }
}
