package io.switchboard.skill.mcp;

import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.McpJsonMapper;
import java.util.Map;
import java.util.Set;

/**
 * The SDK's stdio transport, but the server process does not inherit skill-service's environment
 * (database passwords, tokens): only {@link #PASSED_ON} plus the server's own {@code env}.
 */
class IsolatedStdioTransport extends StdioClientTransport {

  static final Set<String> PASSED_ON = Set.of("PATH", "HOME", "LANG", "TMPDIR", "TZ");

  IsolatedStdioTransport(ServerParameters params, McpJsonMapper json) {
    super(params, json);
  }

  @Override
  protected ProcessBuilder getProcessBuilder() {
    ProcessBuilder builder = new ProcessBuilder();
    Map<String, String> env = builder.environment();
    env.keySet().removeIf(key -> !PASSED_ON.contains(key));
    return builder;
  }
}
