package io.switchboard.model.completion.service;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.switchboard.model.provider.ChatResponse;
import io.switchboard.model.provider.ProviderException;
import io.switchboard.model.registry.Model;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Prometheus counters of provider calls: {@code switchboard_model_calls_total{provider,model,
 * outcome}} (outcome {@code ok} or the failure code) and {@code
 * switchboard_model_tokens_total{provider,model,direction}}.
 */
@ApplicationScoped
public class CompletionMetrics implements CompletionListener {

  private final MeterRegistry registry;

  public CompletionMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  @Override
  public void completed(Model model, ChatResponse response) {
    calls(model, "ok").increment();
    tokens(model, "input").increment(response.usage().inputTokens());
    tokens(model, "output").increment(response.usage().outputTokens());
  }

  @Override
  public void failed(Model model, ProviderException failure) {
    calls(model, failure.code()).increment();
  }

  private Counter calls(Model model, String outcome) {
    return Counter.builder("switchboard.model.calls")
        .description("Provider calls made for completions")
        .tags("provider", model.provider, "model", model.name, "outcome", outcome)
        .register(registry);
  }

  private Counter tokens(Model model, String direction) {
    return Counter.builder("switchboard.model.tokens")
        .description("Tokens used by completions, as the providers counted them")
        .tags("provider", model.provider, "model", model.name, "direction", direction)
        .register(registry);
  }
}
