package io.switchboard.skill.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema;
import io.switchboard.skill.tool.ToolSpec;
import java.util.ArrayList;
import java.util.List;

/** An MCP server's tools as catalog entries; every one gets the configured default level. */
final class McpTools {

  private static final int MAX_PAGES = 20;

  private McpTools() {}

  /** All pages of {@code tools/list} (at most 20). */
  static List<ToolSpec> list(McpSyncClient client, McpConnectionSupport support) {
    List<McpSchema.Tool> all = new ArrayList<>();
    String cursor = null;
    for (int page = 0; page < MAX_PAGES; page++) {
      McpSchema.ListToolsResult result = client.listTools(cursor);
      all.addAll(result.tools());
      cursor = result.nextCursor();
      if (cursor == null) {
        break;
      }
    }
    return specs(all, support);
  }

  static List<ToolSpec> specs(List<McpSchema.Tool> tools, McpConnectionSupport support) {
    return tools.stream().map(t -> spec(t, support)).toList();
  }

  private static ToolSpec spec(McpSchema.Tool tool, McpConnectionSupport support) {
    JsonNode schema = support.json().valueToTree(tool.inputSchema());
    String description = tool.description() != null ? tool.description() : tool.title();
    return new ToolSpec(tool.name(), description, schema, support.config().defaultLevel());
  }
}
