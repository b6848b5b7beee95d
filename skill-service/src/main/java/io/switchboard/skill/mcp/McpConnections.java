package io.switchboard.skill.mcp;

import io.switchboard.skill.tool.Skill;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;

/** The registered MCP servers this replica is connected to. */
@ApplicationScoped
public class McpConnections {

  public List<Skill> skills() {
    return List.of();
  }

  public Optional<Skill> find(String id) {
    return Optional.empty();
  }
}
