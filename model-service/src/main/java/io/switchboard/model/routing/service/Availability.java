package io.switchboard.model.routing.service;

import io.switchboard.model.provider.CircuitBreakers;
import io.switchboard.model.provider.ProviderKind;
import io.switchboard.model.registry.Model;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/** Why routing must skip a model right now, if it must: disabled, circuit open, ... */
@ApplicationScoped
public class Availability {

  private final CircuitBreakers breakers;

  public Availability(CircuitBreakers breakers) {
    this.breakers = breakers;
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
    return Optional.empty();
  }
}
