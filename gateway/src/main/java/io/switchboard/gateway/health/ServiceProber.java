package io.switchboard.gateway.health;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.switchboard.gateway.client.UpstreamClients;
import io.switchboard.gateway.config.GatewayConfig;
import io.switchboard.gateway.config.UpstreamService;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Probes every service's {@code GET /health/ready} concurrently, each bounded by the health-probe
 * timeout, and keeps {@code switchboard.gateway.service.up{service}} (1 up, 0 down) current: on
 * every {@code /health/detailed} and in the background every {@code probe-interval}.
 */
@ApplicationScoped
public class ServiceProber {

  private final UpstreamClients clients;
  private final GatewayConfig config;
  private final Map<UpstreamService, AtomicInteger> up = new EnumMap<>(UpstreamService.class);

  public ServiceProber(UpstreamClients clients, GatewayConfig config, MeterRegistry registry) {
    this.clients = clients;
    this.config = config;
    for (UpstreamService service : UpstreamService.values()) {
      up.put(
          service,
          registry.gauge(
              "switchboard.gateway.service.up",
              Tags.of("service", service.serviceName()),
              new AtomicInteger()));
    }
  }

  void schedule(@Observes StartupEvent started, Vertx vertx) {
    long every = config.probeInterval().toMillis();
    if (every > 0) {
      vertx.setPeriodic(1, every, tick -> probeAll().subscribe().with(result -> {}));
    }
  }

  /** Every service's readiness, in {@link UpstreamService} order; never fails. */
  public Uni<List<ServiceHealth>> probeAll() {
    List<Uni<ServiceHealth>> probes =
        Arrays.stream(UpstreamService.values()).map(this::probe).toList();
    return Uni.join().all(probes).andCollectFailures();
  }

  private Uni<ServiceHealth> probe(UpstreamService service) {
    Duration timeout = config.timeouts().healthProbe();
    Instant checkedAt = Instant.now();
    long start = System.nanoTime();
    return clients
        .get(service, "/health/ready", timeout)
        .map(
            reply ->
                reply.status() == 200
                    ? health(service, HealthStatus.UP, start, checkedAt, null)
                    : health(
                        service,
                        HealthStatus.DOWN,
                        start,
                        checkedAt,
                        "readiness answered " + reply.status()))
        .onFailure()
        .recoverWithItem(
            error ->
                health(
                    service,
                    HealthStatus.DOWN,
                    start,
                    checkedAt,
                    error instanceof TimeoutException
                        ? "no answer within " + timeout.toMillis() + " ms"
                        : "unreachable"))
        .invoke(health -> up.get(service).set(health.isUp() ? 1 : 0));
  }

  private static ServiceHealth health(
      UpstreamService service,
      HealthStatus status,
      long startNanos,
      Instant checkedAt,
      String message) {
    long latencyMs = (System.nanoTime() - startNanos) / 1_000_000;
    return new ServiceHealth(service.serviceName(), status, latencyMs, checkedAt, message);
  }
}
