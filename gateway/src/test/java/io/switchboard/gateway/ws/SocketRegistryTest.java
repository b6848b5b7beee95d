package io.switchboard.gateway.ws;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.runtime.ShutdownDelayInitiatedEvent;
import io.switchboard.defaults.security.RevokedSessions;
import io.switchboard.gateway.config.GatewayConfig;
import io.switchboard.gateway.security.TokenVerifier.VerifiedToken;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SocketRegistryTest {

  private static final long IN_AN_HOUR = Instant.now().getEpochSecond() + 3600;

  private final Vertx vertx = Vertx.vertx();
  private final RevokedSessions revoked = new RevokedSessions();
  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private final SocketMetrics metrics = new SocketMetrics(meters);

  @AfterEach
  void closeVertx() {
    vertx.close();
  }

  @Test
  void shouldRefuseTheConnectionOverThePerUserLimit() {
    SocketRegistry registry = registry(2, Duration.ofHours(1));
    assertThat(registry.register(session("alice", "s1", IN_AN_HOUR))).isTrue();
    assertThat(registry.register(session("alice", "s1", IN_AN_HOUR))).isTrue();
    assertThat(registry.register(session("alice", "s1", IN_AN_HOUR))).isFalse();
    assertThat(registry.register(session("bob", "s2", IN_AN_HOUR))).isTrue();
    assertThat(registry.size()).isEqualTo(3);
    assertThat(meters.get("switchboard.gateway.ws.connections").gauge().value()).isEqualTo(3);
  }

  @Test
  void shouldFreeAPlaceWhenAConnectionIsRemoved() {
    SocketRegistry registry = registry(1, Duration.ofHours(1));
    SocketSession first = session("alice", "s1", IN_AN_HOUR);
    registry.register(first);
    registry.remove(first.id());
    assertThat(registry.sessionsOf("alice")).isEmpty();
    assertThat(registry.register(session("alice", "s1", IN_AN_HOUR))).isTrue();
  }

  @Test
  void shouldCloseConnectionsOfARevokedSessionWith4001() {
    SocketRegistry registry = registry(5, Duration.ofHours(1));
    FakeConnection signedOut = new FakeConnection();
    FakeConnection other = new FakeConnection();
    registry.register(session(signedOut, "alice", "gone", IN_AN_HOUR));
    registry.register(session(other, "alice", "kept", IN_AN_HOUR));
    revoked.revoke("gone", Instant.now().plusSeconds(600));

    registry.sweep();

    assertThat(signedOut.closedWith.getCode()).isEqualTo(4001);
    assertThat(signedOut.closedWith.getMessage()).isEqualTo("session revoked");
    assertThat(other.closedWith).isNull();
  }

  @Test
  void shouldCloseAConnectionWhoseTokenExpiredWith4001() {
    SocketRegistry registry = registry(5, Duration.ofHours(1));
    FakeConnection expired = new FakeConnection();
    registry.register(session(expired, "alice", "s", Instant.now().getEpochSecond() - 1));

    registry.sweep();

    assertThat(expired.closedWith.getCode()).isEqualTo(4001);
    assertThat(expired.closedWith.getMessage()).isEqualTo("token expired");
  }

  @Test
  void shouldCloseAnIdleConnectionWith4408() throws InterruptedException {
    SocketRegistry registry = registry(5, Duration.ofMillis(1));
    FakeConnection idle = new FakeConnection();
    registry.register(session(idle, "alice", "s", IN_AN_HOUR));
    Thread.sleep(5);

    registry.sweep();

    assertThat(idle.closedWith.getCode()).isEqualTo(4408);
  }

  @Test
  void shouldForgetAConnectionFoundClosed() {
    SocketRegistry registry = registry(1, Duration.ofHours(1));
    FakeConnection gone = new FakeConnection();
    registry.register(session(gone, "alice", "s", IN_AN_HOUR));
    gone.closedWith = io.quarkus.websockets.next.CloseReason.NORMAL;

    registry.sweep();

    assertThat(registry.size()).isZero();
    assertThat(registry.register(session("alice", "s", IN_AN_HOUR))).isTrue();
  }

  @Test
  void shouldTellEveryClientToReconnectWhenTheReplicaStops() {
    SocketRegistry registry = registry(5, Duration.ofHours(1));
    FakeConnection alice = new FakeConnection();
    FakeConnection bob = new FakeConnection();
    FakeConnection alreadyGoing = new FakeConnection();
    registry.register(session(alice, "alice", "s1", IN_AN_HOUR));
    registry.register(session(bob, "bob", "s2", IN_AN_HOUR));
    SocketSession revokedOne = session(alreadyGoing, "carol", "s3", IN_AN_HOUR);
    registry.register(revokedOne);
    revokedOne.close(CloseCause.SESSION_REVOKED);

    assertThat(registry.drain()).isZero();

    assertThat(alice.closedWith.getCode()).isEqualTo(1012);
    assertThat(alice.closedWith.getMessage()).isEqualTo("server restarting: reconnect");
    assertThat(bob.closedWith.getCode()).isEqualTo(1012);
    assertThat(alreadyGoing.closedWith.getCode())
        .as("closed once, for its own cause")
        .isEqualTo(4001);
    assertThat(
            meters
                .get("switchboard.gateway.ws.closes")
                .tag("cause", "restarting")
                .counter()
                .count())
        .isEqualTo(2);
  }

  @Test
  void shouldTellEveryClientToReconnectWhenTheShutdownDelayEnds() throws InterruptedException {
    SocketRegistry registry = registry(5, Duration.ofHours(1), Duration.ofMillis(50));
    FakeConnection alice = new FakeConnection();
    registry.register(session(alice, "alice", "s1", IN_AN_HOUR));

    registry.shutdownDelayStarted(new ShutdownDelayInitiatedEvent());

    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (alice.closedWith == null && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertThat(alice.closedWith).isNotNull();
    assertThat(alice.closedWith.getCode()).isEqualTo(1012);
  }

  @Test
  void shouldKeepTheConnectionsOpenDuringTheShutdownDelay() {
    SocketRegistry registry = registry(5, Duration.ofHours(1), Duration.ofHours(1));
    FakeConnection alice = new FakeConnection();
    registry.register(session(alice, "alice", "s1", IN_AN_HOUR));

    registry.shutdownDelayStarted(new ShutdownDelayInitiatedEvent());

    assertThat(alice.closedWith).as("the load balancer may still send it here").isNull();
    assertThat(registry.size()).isEqualTo(1);
  }

  private SocketSession session(String user, String sid, long expires) {
    return session(new FakeConnection(), user, sid, expires);
  }

  private SocketSession session(FakeConnection connection, String user, String sid, long expires) {
    return new SocketSession(
        connection.proxy(), new VerifiedToken(user, sid, expires), "token", 8, metrics);
  }

  private SocketRegistry registry(int maxPerUser, Duration idle) {
    return registry(maxPerUser, idle, Duration.ZERO);
  }

  private SocketRegistry registry(int maxPerUser, Duration idle, Duration shutdownDelay) {
    GatewayConfig.WebSocket ws =
        Stand.in(
            GatewayConfig.WebSocket.class,
            Map.of(
                "maxConnectionsPerUser", maxPerUser,
                "idleTimeout", idle,
                "sweepInterval", Duration.ofMillis(500)));
    return new SocketRegistry(
        Stand.in(GatewayConfig.class, Map.of("ws", ws)),
        revoked,
        vertx,
        meters,
        Optional.of(shutdownDelay));
  }
}
