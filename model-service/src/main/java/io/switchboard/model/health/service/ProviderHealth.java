package io.switchboard.model.health.service;

import io.quarkus.scheduler.Scheduled;
import io.switchboard.model.provider.ProviderException;
import io.switchboard.model.provider.ProviderKind;
import io.switchboard.model.provider.Providers;
import io.switchboard.model.provider.Target;
import io.switchboard.model.registry.Model;
import io.switchboard.model.registry.service.ModelService;
import io.switchboard.model.routing.service.Availability;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The health of every provider endpoint the enabled models use: probed on a schedule ({@code
 * switchboard.models.health.interval}) and on demand, cached, with latency. Reachable but refusing
 * us (401, 404, ... without a user's key) is {@code degraded}; unreachable, 5xx or an open circuit
 * is {@code down}, and routing skips models of a provider that is down.
 */
@ApplicationScoped
public class ProviderHealth {

  /** One endpoint's last check. */
  public record Status(
      String provider,
      String endpoint,
      String status,
      long latencyMs,
      Instant checkedAt,
      String message) {}

  private final ModelService models;
  private final Providers providers;
  private final Map<String, Status> cache = new ConcurrentHashMap<>();

  public ProviderHealth(ModelService models, Providers providers) {
    this.models = models;
    this.providers = providers;
  }

  /** Whether the last check found this model's provider endpoint down (never probes). */
  public boolean isDown(Model m) {
    Status s = cache.get(Availability.key(m));
    return s != null && s.status().equals("down");
  }

  public List<Status> current() {
    if (cache.isEmpty()) {
      return refresh();
    }
    return sorted();
  }

  @Scheduled(
      every = "${switchboard.models.health.interval:60s}",
      delayed = "${switchboard.models.health.delay:15s}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void scheduled() {
    refresh();
  }

  public synchronized List<Status> refresh() {
    Map<String, Model> endpoints = new LinkedHashMap<>();
    for (Model m : models.list()) {
      if (m.enabled && ProviderKind.find(m.provider).isPresent()) {
        endpoints.putIfAbsent(Availability.key(m), m);
      }
    }
    cache.keySet().retainAll(endpoints.keySet());
    endpoints.forEach((key, m) -> cache.put(key, check(m)));
    return sorted();
  }

  private Status check(Model m) {
    Target target = new Target(ProviderKind.require(m.provider), m.modelId, m.endpoint, null);
    long start = System.nanoTime();
    String status = "up";
    String message = null;
    try {
      providers.probe(target);
    } catch (ProviderException e) {
      boolean reachable =
          e.kind() == ProviderException.Kind.AUTH || e.kind() == ProviderException.Kind.REJECTED;
      status = reachable ? "degraded" : "down";
      message = e.getMessage();
    }
    long latency = (System.nanoTime() - start) / 1_000_000;
    return new Status(
        m.provider,
        m.endpoint == null ? "default" : m.endpoint,
        status,
        latency,
        Instant.now(),
        message);
  }

  private List<Status> sorted() {
    List<Status> list = new ArrayList<>(cache.values());
    list.sort(Comparator.comparing(Status::provider).thenComparing(Status::endpoint));
    return list;
  }
}
