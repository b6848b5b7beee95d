package io.switchboard.skill.mcp;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.spec.McpClientTransport;
import io.modelcontextprotocol.spec.McpSchema;
import io.switchboard.skill.config.McpConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.util.List;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/** Builds an MCP client (official SDK) for a registered server, stdio or streamable HTTP. */
@ApplicationScoped
public class McpClientFactory {

  private static final Logger LOG = Logger.getLogger(McpClientFactory.class);

  private final McpConfig config;
  private final McpJsonMapper json;

  public McpClientFactory(McpConfig config, ObjectMapper mapper) {
    this.config = config;
    this.json = new JacksonMcpJsonMapper(mapper);
  }

  public McpSyncClient create(McpServerSpec server, Consumer<List<McpSchema.Tool>> toolsChanged) {
    return McpClient.sync(transport(server))
        .requestTimeout(config.requestTimeout())
        .initializationTimeout(config.initializationTimeout())
        .clientInfo(new McpSchema.Implementation("switchboard-skill-service", "0.1.0"))
        .toolsChangeConsumer(toolsChanged)
        .build();
  }

  private McpClientTransport transport(McpServerSpec server) {
    if (McpServer.HTTP.equals(server.transport())) {
      URI url = URI.create(server.url());
      String base = url.getScheme() + "://" + url.getRawAuthority();
      String endpoint =
          url.getRawPath() == null || url.getRawPath().isEmpty()
              ? "/mcp"
              : url.getRawPath() + (url.getRawQuery() == null ? "" : "?" + url.getRawQuery());
      return HttpClientStreamableHttpTransport.builder(base)
          .endpoint(endpoint)
          .jsonMapper(json)
          .connectTimeout(config.initializationTimeout())
          .build();
    }
    ServerParameters params =
        ServerParameters.builder(server.command()).args(server.args()).env(server.env()).build();
    IsolatedStdioTransport transport = new IsolatedStdioTransport(params, json);
    String name = server.name();
    transport.setStdErrorHandler(
        line ->
            LOG.debugf(
                "MCP server %s stderr: %s",
                name, line.length() > 500 ? line.substring(0, 500) + "…" : line));
    return transport;
  }
}
