package io.switchboard.model.provider;

import io.quarkus.arc.All;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Every provider by kind, called through its circuit breaker. Retries of one HTTP request live in
 * the transport; here a failed call counts against the breaker of its provider and endpoint.
 */
@ApplicationScoped
public class Providers {

  private final Map<ProviderKind, ChatProvider> byKind = new EnumMap<>(ProviderKind.class);
  private final CircuitBreakers breakers;

  public Providers(@All List<ChatProvider> providers, CircuitBreakers breakers) {
    providers.forEach(p -> byKind.put(p.kind(), p));
    this.breakers = breakers;
  }

  public boolean supports(ProviderKind kind) {
    return byKind.containsKey(kind);
  }

  public ChatResponse chat(Target target, ChatRequest request) {
    return guarded(target, () -> provider(target).chat(target, request));
  }

  public ChatResponse stream(Target target, ChatRequest request, Consumer<String> onDelta) {
    return guarded(target, () -> provider(target).stream(target, request, onDelta));
  }

  public void probe(Target target) {
    guarded(
        target,
        () -> {
          provider(target).probe(target);
          return null;
        });
  }

  private ChatProvider provider(Target target) {
    ChatProvider p = byKind.get(target.kind());
    if (p == null) {
      throw new ProviderException(
          ProviderException.Kind.REJECTED, 0, "No client for provider " + target.kind().wire());
    }
    return p;
  }

  private <T> T guarded(Target target, java.util.function.Supplier<T> call) {
    String key = CircuitBreakers.key(target);
    if (!breakers.allow(key)) {
      throw new ProviderException(
          ProviderException.Kind.CIRCUIT_OPEN,
          0,
          "The circuit breaker of " + key + " is open after repeated failures");
    }
    try {
      T result = call.get();
      breakers.success(key);
      return result;
    } catch (ProviderException e) {
      if (e.retryable()) {
        breakers.failure(key);
      } else {
        breakers.success(key);
      }
      throw e;
    }
  }
}
