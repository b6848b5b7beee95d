package io.switchboard.skill.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Limits of every tool execution, built-in or MCP. */
@ConfigMapping(prefix = "switchboard.tools")
public interface ToolsConfig {

  /** A call still running after this is abandoned: 504 {@code tool_timeout}. */
  @WithDefault("30s")
  Duration timeout();

  /** A result larger than this (as JSON) is refused: 502 {@code tool_result_too_large}. */
  @WithDefault("1048576")
  int maxResultBytes();

  /** Calls running at once on this replica; more are 503 {@code too_busy}. */
  @WithDefault("32")
  int maxConcurrent();
}
