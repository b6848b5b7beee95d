package io.switchboard.gateway.ws;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownDelayInitiatedEvent;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.switchboard.defaults.security.RevokedSessions;
import io.switchboard.gateway.config.GatewayConfig;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The open, authenticated WebSockets of this replica, by user. At most {@code
 * max-connections-per-user} per user. Every {@code sweep-interval} each connection is checked: a
 * session signed out meanwhile ({@link RevokedSessions}, fed from {@code auth.events}) or an
 * expired token closes it with 4001, silence longer than {@code idle-timeout} with 4408; a
 * connection found closed is forgotten. When the replica stops, every connection is closed with
 * 1012 "server restarting: reconnect" as the shutdown delay ends (the load balancer already sends
 * new connections elsewhere), waiting up to {@link #DRAIN} for the close frames to go out. Not
 * later: the HTTP drain that follows the delay counts an open WebSocket as a request in flight
 * ({@link UpgradedRequests}) and waits for it, up to {@code quarkus.shutdown.timeout}, after which
 * the sockets were cut with a bare 1000 that tells a client nothing (found by e2e's
 * RollingRestartIT).
 */
@ApplicationScoped
public class SocketRegistry {

  static final Duration DRAIN = Duration.ofSeconds(2);

  private final Map<String, SocketSession> byConnection = new ConcurrentHashMap<>();
  private final Map<String, Set<SocketSession>> byUser = new ConcurrentHashMap<>();
  private final GatewayConfig.WebSocket config;
  private final RevokedSessions revoked;
  private final Vertx vertx;
  private final Duration shutdownDelay;
  private long sweeper = -1;

  public SocketRegistry(
      GatewayConfig config,
      RevokedSessions revoked,
      Vertx vertx,
      MeterRegistry meters,
      @ConfigProperty(name = "quarkus.shutdown.delay") Optional<Duration> shutdownDelay) {
    this.config = config.ws();
    this.revoked = revoked;
    this.vertx = vertx;
    this.shutdownDelay = shutdownDelay.orElse(Duration.ZERO);
    Gauge.builder("switchboard.gateway.ws.connections", byConnection, Map::size)
        .description("Open WebSocket connections on this replica")
        .register(meters);
  }

  void start(@Observes StartupEvent event) {
    sweeper = vertx.setPeriodic(config.sweepInterval().toMillis(), id -> sweep());
  }

  /** SIGTERM: readiness is down now; the clients are told to reconnect when the delay ends. */
  void shutdownDelayStarted(@Observes ShutdownDelayInitiatedEvent event) {
    vertx.setTimer(
        Math.max(1, shutdownDelay.toMillis()), id -> vertx.executeBlocking(this::drain, false));
  }

  void stop(@Observes ShutdownEvent event) {
    if (sweeper >= 0) {
      vertx.cancelTimer(sweeper);
    }
    drain();
  }

  /** Tells every client to reconnect elsewhere; returns how many connections were still open. */
  int drain() {
    byConnection.values().forEach(session -> session.close(CloseCause.RESTARTING));
    long deadline = System.nanoTime() + DRAIN.toNanos();
    while (byConnection.values().stream().anyMatch(session -> !session.isClosed())
        && System.nanoTime() < deadline) {
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    return (int) byConnection.values().stream().filter(session -> !session.isClosed()).count();
  }

  /** Adds the session; {@code false} when its user already holds the maximum of connections. */
  public boolean register(SocketSession session) {
    AtomicBoolean added = new AtomicBoolean();
    byUser.compute(
        session.userId(),
        (user, sessions) -> {
          Set<SocketSession> current = sessions == null ? ConcurrentHashMap.newKeySet() : sessions;
          if (current.size() < config.maxConnectionsPerUser()) {
            current.add(session);
            added.set(true);
          }
          return current.isEmpty() ? null : current;
        });
    if (added.get()) {
      byConnection.put(session.id(), session);
    }
    return added.get();
  }

  public void remove(String connectionId) {
    SocketSession session = byConnection.remove(connectionId);
    if (session != null) {
      byUser.computeIfPresent(
          session.userId(),
          (user, sessions) -> {
            sessions.remove(session);
            return sessions.isEmpty() ? null : sessions;
          });
    }
  }

  /** The user's open sessions on this replica (a live view; may be empty). */
  public Set<SocketSession> sessionsOf(String userId) {
    Set<SocketSession> sessions = byUser.get(userId);
    return sessions == null ? Set.of() : sessions;
  }

  public int size() {
    return byConnection.size();
  }

  void sweep() {
    long nowSeconds = Instant.now().getEpochSecond();
    long idleNanos = config.idleTimeout().toNanos();
    long nowNanos = System.nanoTime();
    for (SocketSession session : byConnection.values()) {
      if (session.isClosed()) {
        remove(session.id()); // a close the endpoint missed: never keep a dead connection
        continue;
      }
      if (session.isClosing()) {
        continue;
      }
      if (revoked.isRevoked(session.identity().sessionId())) {
        session.close(CloseCause.SESSION_REVOKED);
      } else if (nowSeconds >= session.identity().expiresAt()) {
        session.close(CloseCause.TOKEN_EXPIRED);
      } else if (nowNanos - session.lastSeenNanos() > idleNanos) {
        session.close(CloseCause.IDLE);
      }
    }
  }
}
