package io.switchboard.skill.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.switchboard.skill.tool.PermissionLevel;
import java.time.Duration;

/** Connections to registered MCP servers. */
@ConfigMapping(prefix = "switchboard.mcp")
public interface McpConfig {

  /** One MCP request (tools/list, tools/call); tool calls are also bounded by tools.timeout. */
  @WithDefault("35s")
  Duration requestTimeout();

  /** Start-up and {@code initialize} of a server. */
  @WithDefault("20s")
  Duration initializationTimeout();

  /** The permission of every MCP tool until a user overrides it. */
  @WithDefault("ask")
  String defaultPermission();

  /** First reconnect delay after a failure; doubled per attempt up to {@link #backoffMax()}. */
  @WithDefault("1s")
  Duration backoffInitial();

  @WithDefault("60s")
  Duration backoffMax();

  /** How often each replica reconciles its connections with the registered servers. */
  @WithDefault("30s")
  Duration syncInterval();

  default PermissionLevel defaultLevel() {
    PermissionLevel level = PermissionLevel.fromWire(defaultPermission());
    return level == null ? PermissionLevel.ASK : level;
  }
}
