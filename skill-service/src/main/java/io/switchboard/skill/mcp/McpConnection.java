package io.switchboard.skill.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import io.switchboard.skill.execute.ToolProblems;
import io.switchboard.skill.tool.Skill;
import io.switchboard.skill.tool.ToolContext;
import io.switchboard.skill.tool.ToolOutcome;
import io.switchboard.skill.tool.ToolSpec;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * One registered MCP server as a skill: connects, lists its tools (again on {@code
 * tools/list_changed}), calls them, and reconnects with exponential backoff after a failure or a
 * crash of the server.
 */
public class McpConnection implements Skill {

  private static final Logger LOG = Logger.getLogger(McpConnection.class);

  private final McpServerSpec spec;
  private final McpConnectionSupport support;
  private volatile String status = "connecting";
  private volatile List<ToolSpec> tools = List.of();
  private McpSyncClient client;
  private int failures;
  private boolean closed;

  McpConnection(McpServerSpec spec, McpConnectionSupport support) {
    this.spec = spec;
    this.support = support;
  }

  McpServerSpec spec() {
    return spec;
  }

  @Override
  public String id() {
    return spec.name();
  }

  @Override
  public String name() {
    return spec.name();
  }

  @Override
  public String description() {
    return spec.description() == null ? "MCP server " + spec.name() : spec.description();
  }

  @Override
  public String source() {
    return SOURCE_MCP;
  }

  @Override
  public boolean enabled() {
    return spec.enabled();
  }

  @Override
  public String status() {
    return spec.enabled() ? status : "disabled";
  }

  @Override
  public List<ToolSpec> tools() {
    return tools;
  }

  /** Connects now (blocking); on failure a reconnect is scheduled. */
  synchronized void connect() {
    if (closed || !spec.enabled()) {
      return;
    }
    status = "connecting";
    try {
      ChildProcesses.Started<McpSyncClient> started =
          ChildProcesses.startedBy(
              () -> {
                McpSyncClient c = support.clients().create(spec, this::toolsChanged);
                c.initialize();
                return c;
              });
      client = started.result();
      tools = McpTools.list(client, support);
      started.process().ifPresent(p -> p.onExit().thenRun(() -> broken("the process exited")));
      status = "connected";
      failures = 0;
      LOG.infof("MCP server %s connected, %d tools", spec.name(), tools.size());
    } catch (RuntimeException e) {
      LOG.warnf("MCP server %s failed to connect: %s", spec.name(), e.getClass().getSimpleName());
      closeClient();
      status = "failed";
      scheduleReconnect();
    }
  }

  /** The server died or the session broke: close, mark failed, reconnect later. */
  synchronized void broken(String why) {
    if (closed || !"connected".equals(status)) {
      return;
    }
    LOG.warnf("MCP server %s lost: %s", spec.name(), why);
    closeClient();
    status = "failed";
    scheduleReconnect();
  }

  private void scheduleReconnect() {
    McpConnectionSupport s = support;
    long delay =
        Math.min(
            s.config().backoffMax().toMillis(),
            s.config().backoffInitial().toMillis() * (1L << Math.min(failures++, 16)));
    ScheduledExecutorService scheduler = s.scheduler();
    scheduler.schedule(this::connect, delay, TimeUnit.MILLISECONDS);
  }

  synchronized void close() {
    closed = true;
    status = "disabled";
    closeClient();
  }

  private void closeClient() {
    McpSyncClient c = client;
    client = null;
    if (c != null) {
      try {
        c.close();
      } catch (RuntimeException e) {
        LOG.debugf("Closing MCP client %s: %s", spec.name(), e.getClass().getSimpleName());
      }
    }
  }

  private void toolsChanged(List<McpSchema.Tool> changed) {
    tools = McpTools.specs(changed, support);
    LOG.infof("MCP server %s changed its tools: %d", spec.name(), tools.size());
  }

  @Override
  @SuppressWarnings("unchecked")
  public ToolOutcome call(String tool, JsonNode arguments, ToolContext context) {
    McpSyncClient c = client;
    if (c == null || !"connected".equals(status)) {
      throw ToolProblems.unavailable("The MCP server " + spec.name() + " is " + status());
    }
    Map<String, Object> args = support.json().convertValue(arguments, Map.class);
    McpSchema.CallToolResult result;
    try {
      result = c.callTool(new McpSchema.CallToolRequest(tool, args));
    } catch (McpError e) {
      throw ToolProblems.failed("The MCP server answered with an error: " + brief(e.getMessage()));
    } catch (RuntimeException e) {
      if (Thread.currentThread().isInterrupted()) {
        throw e;
      }
      Duration wait = support.config().requestTimeout();
      if (String.valueOf(e.getMessage()).contains("terminated") || status.equals("failed")) {
        broken("the session ended during a call");
        throw ToolProblems.failed("The MCP server " + spec.name() + " stopped during the call");
      }
      if (e.getCause() instanceof java.util.concurrent.TimeoutException) {
        throw ToolProblems.timeout(wait.toSeconds());
      }
      broken("a call failed: " + e.getClass().getSimpleName());
      throw ToolProblems.failed("The call to the MCP server " + spec.name() + " failed");
    }
    JsonNode node = support.json().valueToTree(result);
    if (node.isObject()) {
      ((com.fasterxml.jackson.databind.node.ObjectNode) node).remove("isError");
    }
    return new ToolOutcome(node, Boolean.TRUE.equals(result.isError()));
  }

  private static String brief(String message) {
    String m = String.valueOf(message);
    return m.length() > 300 ? m.substring(0, 300) + "…" : m;
  }
}
