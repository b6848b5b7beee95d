package io.switchboard.skill.mcp;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.List;

/** Reads the registered servers as snapshots. */
@ApplicationScoped
public class McpServerStore {

  @Transactional
  public List<McpServerSpec> all() {
    return McpServer.<McpServer>listAll().stream().map(McpServerSpec::of).toList();
  }
}
