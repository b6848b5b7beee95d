package io.switchboard.skill.mcp;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.switchboard.skill.config.McpConfig;
import io.switchboard.skill.tool.Skill;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * The MCP servers this replica is connected to, one {@link McpConnection} per registered server.
 * Reconciled with the database at start and every {@code switchboard.mcp.sync-interval}, so every
 * replica follows registrations, removals and enable/disable made on any other.
 */
@ApplicationScoped
public class McpConnections {

  private static final Logger LOG = Logger.getLogger(McpConnections.class);

  private final Map<String, McpConnection> connections = new ConcurrentHashMap<>();
  private final McpServerStore store;
  private final McpConnectionSupport support;

  public McpConnections(
      McpServerStore store, McpClientFactory clients, McpConfig config, ObjectMapper json) {
    this.store = store;
    ScheduledExecutorService scheduler =
        Executors.newScheduledThreadPool(
            4,
            r -> {
              Thread t = new Thread(r, "mcp-connections");
              t.setDaemon(true);
              return t;
            });
    this.support = new McpConnectionSupport(clients, config, json, scheduler);
  }

  void onStart(@Observes StartupEvent start) {
    support.scheduler().execute(this::syncQuietly);
  }

  void onStop(@Observes ShutdownEvent stop) {
    connections.values().forEach(McpConnection::close);
    connections.clear();
    support.scheduler().shutdownNow();
  }

  @Scheduled(
      every = "${switchboard.mcp.sync-interval:30s}",
      delayed = "${switchboard.mcp.sync-interval:30s}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void syncQuietly() {
    try {
      sync();
    } catch (RuntimeException e) {
      LOG.warnf("Reconciling MCP servers failed: %s", e.getClass().getSimpleName());
    }
  }

  /** Brings the connections in line with the registered servers. */
  public synchronized void sync() {
    Map<String, McpServerSpec> wanted =
        store.all().stream().collect(Collectors.toMap(McpServerSpec::name, s -> s));
    connections.forEach(
        (name, connection) -> {
          if (!connection.spec().equals(wanted.get(name))) {
            connections.remove(name).close();
          }
        });
    wanted.forEach(
        (name, spec) ->
            connections.computeIfAbsent(
                name,
                n -> {
                  McpConnection connection = new McpConnection(spec, support);
                  support.scheduler().execute(connection::connect);
                  return connection;
                }));
  }

  public List<Skill> skills() {
    return connections.values().stream()
        .sorted(Comparator.comparing(McpConnection::id))
        .map(Skill.class::cast)
        .toList();
  }

  public Optional<Skill> find(String id) {
    return Optional.ofNullable(connections.get(id));
  }
}
