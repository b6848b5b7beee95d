package io.switchboard.skill.mcp;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.skill.config.McpConfig;
import java.util.concurrent.ScheduledExecutorService;

/** What every {@link McpConnection} shares. */
record McpConnectionSupport(
    McpClientFactory clients,
    McpConfig config,
    ObjectMapper json,
    ScheduledExecutorService scheduler) {}
