package io.switchboard.model.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** The model registry, provider calls and their safety rails. */
@ConfigMapping(prefix = "switchboard.models")
public interface ModelsConfig {

  /**
   * Which endpoint addresses a model (and {@code /api/models/test}) may point at: {@code public}
   * (public addresses only), {@code private} (default: also loopback and private ranges, where
   * Ollama or LM Studio run when self-hosting), {@code all} (also link-local and cloud metadata
   * addresses, which are otherwise always refused).
   */
  @WithDefault("private")
  EndpointPolicy allowPrivateEndpoints();

  Calls calls();

  Breaker breaker();

  Servers servers();

  Health health();

  /** Provider health checks (read by the scheduler as {@code ${switchboard.models.health.*}}). */
  interface Health {
    /** How often the endpoints are probed; {@code off} probes only on demand. */
    @WithDefault("60s")
    String interval();

    /** The first check after start-up. */
    @WithDefault("15s")
    String delay();
  }

  /** Endpoint policies, least to most permissive. */
  enum EndpointPolicy {
    PUBLIC,
    PRIVATE,
    ALL
  }

  /** Timeouts and retries of every provider call. */
  interface Calls {
    @WithDefault("5S")
    Duration connectTimeout();

    /** A whole non-streaming answer, or the gap between two streamed chunks. */
    @WithDefault("120S")
    Duration requestTimeout();

    /** Extra attempts after a retryable failure (connection refused, 408, 429, 5xx). */
    @WithDefault("2")
    int retries();

    /** The first back-off; doubled each attempt, a {@code Retry-After} of up to 30 s wins. */
    @WithDefault("200MS")
    Duration backoff();
  }

  /** One circuit breaker per provider and endpoint. */
  interface Breaker {
    /** Consecutive failed calls that open it. */
    @WithDefault("5")
    int failureThreshold();

    /** How long it stays open before one trial call is let through. */
    @WithDefault("30S")
    Duration openFor();
  }

  /** Servers listed by {@code /api/models/providers/{ollama,litellm}/models}. */
  interface Servers {
    @WithDefault("http://localhost:11434")
    String ollamaUrl();

    @WithDefault("http://localhost:4000")
    String litellmUrl();

    /** LiteLLM's key, if its proxy wants one (an environment variable, never committed). */
    Optional<String> litellmApiKey();
  }
}
