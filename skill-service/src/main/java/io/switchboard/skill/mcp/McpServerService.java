package io.switchboard.skill.mcp;

import io.switchboard.defaults.problem.ProblemException;
import io.switchboard.skill.mcp.McpServerDtos.RegisterRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** Registration of MCP servers by admins: persisted, then connected by {@link McpConnections}. */
@ApplicationScoped
public class McpServerService {

  private final McpConnections connections;

  public McpServerService(McpConnections connections) {
    this.connections = connections;
  }

  /** Registers and connects; 409 {@code name_taken}, 400 for a missing command or a bad url. */
  public String register(UUID admin, RegisterRequest request, Set<String> builtinIds) {
    if (builtinIds.contains(request.name())) {
      throw nameTaken(request.name());
    }
    persist(admin, request);
    connections.sync();
    return request.name();
  }

  @Transactional
  void persist(UUID admin, RegisterRequest request) {
    if (McpServer.byName(request.name()) != null) {
      throw nameTaken(request.name());
    }
    McpServer server = new McpServer();
    server.id = UUID.randomUUID();
    server.name = request.name();
    server.description = request.description();
    server.transport = request.transport();
    server.args = request.args() == null ? List.of() : request.args();
    server.env = request.env() == null ? Map.of() : request.env();
    if (McpServer.STDIO.equals(request.transport())) {
      if (request.command() == null || request.command().isBlank()) {
        throw ProblemException.validation("command", "is required for the stdio transport");
      }
      server.command = request.command();
    } else {
      server.url = httpUrl(request.url());
    }
    server.enabled = true;
    server.createdBy = admin;
    server.createdAt = Instant.now();
    server.updatedAt = server.createdAt;
    server.persist();
  }

  static String httpUrl(String url) {
    if (url == null || url.isBlank()) {
      throw ProblemException.validation("url", "is required for the http transport");
    }
    URI uri;
    try {
      uri = URI.create(url);
    } catch (IllegalArgumentException e) {
      throw ProblemException.validation("url", "is not a URL");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
      throw ProblemException.validation("url", "must be an http or https URL with a host");
    }
    return url;
  }

  /** Removes a registered server (its connection closes); 404 when unknown. */
  public void delete(String name) {
    deleteRow(name);
    connections.sync();
  }

  @Transactional
  void deleteRow(String name) {
    McpServer server = McpServer.byName(name);
    if (server == null) {
      throw ProblemException.notFound("Skill " + name);
    }
    server.delete();
  }

  /** Enables or disables a registered server; 404 when unknown. */
  public void setEnabled(String name, boolean enabled) {
    updateEnabled(name, enabled);
    connections.sync();
  }

  @Transactional
  void updateEnabled(String name, boolean enabled) {
    McpServer server = McpServer.byName(name);
    if (server == null) {
      throw ProblemException.notFound("Skill " + name);
    }
    server.enabled = enabled;
    server.updatedAt = Instant.now();
  }

  private static ProblemException nameTaken(String name) {
    return ProblemException.of(
        409, "name_taken", "Name taken", "A skill named " + name + " already exists");
  }
}
