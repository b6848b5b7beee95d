package io.switchboard.gateway.proxy;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.switchboard.gateway.config.UpstreamService;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * {@code switchboard.gateway.requests{service,outcome}} counts proxied requests; {@code
 * switchboard.gateway.upstream.latency{service}} times each service's answer up to its status line
 * (or to the failure). Each meter is registered on its first use and then kept, so a request
 * records without a registry look-up (building the id, sorting its tags, a map search).
 */
@ApplicationScoped
public class ProxyMetrics {

  private static final int OUTCOMES = Outcome.values().length;

  private final MeterRegistry registry;
  private final AtomicReferenceArray<Counter> counters =
      new AtomicReferenceArray<>(UpstreamService.values().length * OUTCOMES);
  private final AtomicReferenceArray<Timer> timers =
      new AtomicReferenceArray<>(UpstreamService.values().length);

  public ProxyMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  public void record(UpstreamService service, Outcome outcome, long elapsedNanos) {
    counter(service, outcome).increment();
    timer(service).record(elapsedNanos, TimeUnit.NANOSECONDS);
  }

  private Counter counter(UpstreamService service, Outcome outcome) {
    int slot = service.ordinal() * OUTCOMES + outcome.ordinal();
    Counter counter = counters.get(slot);
    if (counter == null) {
      // registering twice is harmless: the registry hands back the same meter
      counter =
          registry.counter(
              "switchboard.gateway.requests",
              "service",
              service.serviceName(),
              "outcome",
              outcome.tag());
      counters.set(slot, counter);
    }
    return counter;
  }

  private Timer timer(UpstreamService service) {
    Timer timer = timers.get(service.ordinal());
    if (timer == null) {
      timer =
          Timer.builder("switchboard.gateway.upstream.latency")
              .description("Time until a service answered a proxied request")
              .tag("service", service.serviceName())
              .register(registry);
      timers.set(service.ordinal(), timer);
    }
    return timer;
  }
}
