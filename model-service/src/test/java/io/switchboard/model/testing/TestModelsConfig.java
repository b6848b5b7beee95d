package io.switchboard.model.testing;

import io.switchboard.model.config.ModelsConfig;
import java.time.Duration;
import java.util.Optional;

/** {@link ModelsConfig} for unit tests: short back-off, 2 retries, breaker after 3 failures. */
public class TestModelsConfig implements ModelsConfig {

  private final String ollamaUrl;
  private final Duration requestTimeout;

  public TestModelsConfig(String ollamaUrl) {
    this(ollamaUrl, Duration.ofSeconds(10));
  }

  public TestModelsConfig(String ollamaUrl, Duration requestTimeout) {
    this.ollamaUrl = ollamaUrl;
    this.requestTimeout = requestTimeout;
  }

  @Override
  public EndpointPolicy allowPrivateEndpoints() {
    return EndpointPolicy.PRIVATE;
  }

  @Override
  public Calls calls() {
    return new Calls() {
      public Duration connectTimeout() {
        return Duration.ofSeconds(2);
      }

      public Duration requestTimeout() {
        return requestTimeout;
      }

      public int retries() {
        return 2;
      }

      public Duration backoff() {
        return Duration.ofMillis(5);
      }
    };
  }

  @Override
  public Breaker breaker() {
    return new Breaker() {
      public int failureThreshold() {
        return 3;
      }

      public Duration openFor() {
        return Duration.ofSeconds(30);
      }
    };
  }

  @Override
  public Servers servers() {
    return new Servers() {
      public String ollamaUrl() {
        return ollamaUrl;
      }

      public String litellmUrl() {
        return "http://127.0.0.1:1";
      }

      public Optional<String> litellmApiKey() {
        return Optional.empty();
      }
    };
  }

  @Override
  public Health health() {
    return new Health() {
      public String interval() {
        return "off";
      }

      public String delay() {
        return "15s";
      }
    };
  }
}
