package io.switchboard.pipeline.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Notifications: retention and the event consumer. */
@ConfigMapping(prefix = "switchboard.notifications")
public interface NotificationConfig {

  /** Notifications older than this are deleted. */
  @WithDefault("P90D")
  Duration retention();

  /** How often the purge runs. */
  @WithDefault("PT1H")
  Duration purgeInterval();

  /** Whether this replica consumes agent.events and approval.events (consumer group). */
  @WithDefault("true")
  boolean consumerEnabled();

  /** The consumer group of the notification consumer. */
  @WithDefault("pipeline-service-notifications")
  String consumerGroup();
}
