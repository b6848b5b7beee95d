package io.switchboard.defaults.health;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How readiness watches the Kafka broker. */
@ConfigMapping(prefix = "switchboard.health.kafka")
public interface KafkaHealthConfig {

  /** Whether readiness includes the broker (off only in tests that run without one). */
  @WithDefault("true")
  boolean enabled();

  /** Pause between two probes of the broker, made in the background (never by a probe request). */
  @WithDefault("PT5S")
  Duration interval();

  /**
   * Pause before the next probe while the broker is unreachable: shorter than the interval, so a
   * replica that starts before its broker, or outlives an outage, turns ready within about a second
   * of the broker answering again.
   */
  @WithDefault("PT1S")
  Duration retryInterval();

  /** How long one probe waits for the broker before it counts as unreachable. */
  @WithDefault("PT3S")
  Duration timeout();
}
