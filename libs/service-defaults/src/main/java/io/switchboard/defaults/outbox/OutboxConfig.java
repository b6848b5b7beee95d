package io.switchboard.defaults.outbox;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How the outbox relay runs. */
@ConfigMapping(prefix = "switchboard.outbox")
public interface OutboxConfig {

  /** Whether this replica relays the outbox to Kafka (every replica may: rows are locked). */
  @WithDefault("true")
  boolean relayEnabled();

  /** Pause between two looks at an empty outbox. */
  @WithDefault("PT0.1S")
  Duration pollInterval();

  /** Events sent per transaction. */
  @WithDefault("200")
  int batchSize();

  /** How long a batch may wait for the broker's acknowledgements before it is retried. */
  @WithDefault("PT15S")
  Duration sendTimeout();

  /** How long a consumer remembers an event id it processed. */
  @WithDefault("P7D")
  Duration processedRetention();
}
