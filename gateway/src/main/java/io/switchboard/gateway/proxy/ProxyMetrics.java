package io.switchboard.gateway.proxy;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.switchboard.gateway.config.UpstreamService;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.TimeUnit;

/**
 * {@code switchboard.gateway.requests{service,outcome}} counts proxied requests; {@code
 * switchboard.gateway.upstream.latency{service}} times each service's answer up to its status line
 * (or to the failure).
 */
@ApplicationScoped
public class ProxyMetrics {

  private final MeterRegistry registry;

  public ProxyMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  public void record(UpstreamService service, Outcome outcome, long elapsedNanos) {
    registry
        .counter(
            "switchboard.gateway.requests",
            "service",
            service.serviceName(),
            "outcome",
            outcome.tag())
        .increment();
    Timer.builder("switchboard.gateway.upstream.latency")
        .description("Time until a service answered a proxied request")
        .tag("service", service.serviceName())
        .register(registry)
        .record(elapsedNanos, TimeUnit.NANOSECONDS);
  }
}
