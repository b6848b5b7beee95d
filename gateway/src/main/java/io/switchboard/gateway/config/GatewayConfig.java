package io.switchboard.gateway.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Map;

/** The gateway's own settings, under {@code switchboard.gateway}. */
@ConfigMapping(prefix = "switchboard.gateway")
public interface GatewayConfig {

  /**
   * Where each service listens, keyed {@code auth, agent, model, skill, vault, pipeline} (e.g.
   * {@code switchboard.gateway.services.agent.url=http://localhost:8082}, env {@code
   * SWITCHBOARD_GATEWAY_SERVICES_AGENT_URL}).
   */
  Map<String, Service> services();

  Timeouts timeouts();

  /** Keep-alive connections the gateway may hold open to each service, per event loop. */
  @WithDefault("64")
  int poolSize();

  /** How often every service's readiness is probed in the background (the service.up gauge). */
  @WithDefault("15s")
  Duration probeInterval();

  /** How long a merged OpenAPI document is served before the services are asked again. */
  @WithDefault("30s")
  Duration openapiCacheTtl();

  /**
   * Verified bearer tokens remembered until they expire, so a repeated token is not re-verified.
   */
  @WithDefault("10000")
  int tokenCacheSize();

  /** The WebSocket {@code /ws}. */
  WebSocket ws();

  /** Realm tokens traded at auth-service (off unless an issuer is set). */
  Keycloak keycloak();

  /** Single sign-on: bearer tokens of a Keycloak realm, traded at auth-service for its own. */
  interface Keycloak {
    /**
     * {@code iss} of the realm's access tokens (e.g. {@code https://sso.example.com/realms/acme});
     * unset: no realm tokens are taken.
     */
    java.util.Optional<String> issuer();
  }

  /** One service's address. */
  interface Service {
    /** Scheme, host and port, e.g. {@code http://agent-service:8082}; a path is ignored. */
    String url();
  }

  /** How long the gateway waits before answering 503/504 instead of hanging. */
  interface Timeouts {
    /** Establishing a connection to a service (past it: 503 {@code service_unavailable}). */
    @WithDefault("2s")
    Duration connect();

    /**
     * Waiting for a service's answer, and between two chunks of it once it streams (past it: 504
     * {@code gateway_timeout}).
     */
    @WithDefault("60s")
    Duration request();

    /** One readiness probe or OpenAPI fetch of one service. */
    @WithDefault("2s")
    Duration healthProbe();
  }

  /** Limits and the event feed of the WebSocket {@code /ws}. */
  interface WebSocket {
    /** Whether this replica follows the event topics (off in tests without a broker). */
    @WithDefault("true")
    boolean eventsEnabled();

    /** Open connections one user may hold on this replica; one more is closed with 4029. */
    @WithDefault("20")
    int maxConnectionsPerUser();

    /** The largest client frame (UTF-8 bytes) handled; a larger one gets an error frame. */
    @WithDefault("65536")
    int maxFrameBytes();

    /** Client frames one connection may send per second, on average (then refused). */
    @WithDefault("50")
    int maxFramesPerSecond();

    /** Client frames one connection may send at once before the per-second rate applies. */
    @WithDefault("100")
    int frameBurst();

    /** Frames refused without a pause (the budget never full again) before closing (4429). */
    @WithDefault("200")
    int maxRefusedFrames();

    /** Frames waiting to be written to one connection; one more closes it with 4008. */
    @WithDefault("256")
    int sendQueue();

    /** A connection from which nothing (no frame, no pong) arrives this long is closed (4408). */
    @WithDefault("90s")
    Duration idleTimeout();

    /** How often connections are checked for a revoked session, an expired token or idleness. */
    @WithDefault("500ms")
    Duration sweepInterval();
  }
}
