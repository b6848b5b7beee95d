package io.switchboard.model.routing.service;

import io.switchboard.model.cli.service.CliQuota;
import io.switchboard.model.health.service.ProviderHealth;
import io.switchboard.model.provider.CircuitBreakers;
import io.switchboard.model.provider.ProviderKind;
import io.switchboard.model.registry.Model;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.util.Optional;

/** Why routing must skip a model right now, if it must: disabled, circuit open, ... */
@ApplicationScoped
public class Availability {

  private final CircuitBreakers breakers;
  private final Instance<ProviderHealth> health;
  private final Instance<CliQuota> quota;

  public Availability(
      CircuitBreakers breakers, Instance<ProviderHealth> health, Instance<CliQuota> quota) {
    this.breakers = breakers;
    this.health = health;
    this.quota = quota;
  }

  /** The provider-and-endpoint key a model's calls, breaker and health share. */
  public static String key(Model m) {
    return m.provider + "@" + (m.endpoint == null ? "" : m.endpoint);
  }

  public Optional<String> skipReason(Model m) {
    if (!m.enabled) {
      return Optional.of("disabled");
    }
    if (ProviderKind.find(m.provider).isEmpty()) {
      return Optional.of("unknown provider");
    }
    if (breakers.isOpen(key(m))) {
      return Optional.of("circuit breaker open");
    }
    if (health.get().isDown(m)) {
      return Optional.of("provider down");
    }
    if (m.provider.equals(ProviderKind.CLI.wire()) && quota.get().exhausted(m.modelId)) {
      return Optional.of("quota exhausted");
    }
    return Optional.empty();
  }
}
