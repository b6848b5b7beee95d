package io.switchboard.skill.hook;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Hooks: webhook targets, delivery retries, the event consumer and the schedule job. */
@ConfigMapping(prefix = "switchboard.hooks")
public interface HooksConfig {

  /** Webhook hosts (as written in the URL) that may resolve to private/loopback addresses. */
  Optional<List<String>> allowedPrivateHosts();

  /** Connect + response timeout of one webhook delivery. */
  @WithDefault("10s")
  Duration webhookTimeout();

  /** Retries after a failed delivery (so 1 + retries attempts), then dead-lettered. */
  @WithDefault("3")
  int webhookRetries();

  /**
   * Delay before the first retry; each further one is {@link #backoffMultiplier()} times longer.
   */
  @WithDefault("1s")
  Duration backoffInitial();

  @WithDefault("4")
  int backoffMultiplier();

  /** Threads running hook actions, per replica. */
  @WithDefault("4")
  int workers();

  /** Whether this replica consumes agent/pipeline/approval events for hooks. */
  @WithDefault("true")
  boolean consumerEnabled();

  /** How often due {@code schedule} hooks are looked for. */
  @WithDefault("5s")
  Duration scheduleInterval();

  /**
   * An execution still {@code pending} this long after it was created is taken for stranded (its
   * replica stopped between claiming and running it) and run.
   */
  @WithDefault("2m")
  Duration pendingStrandedAfter();

  /**
   * An execution still {@code running} this long after it was created is taken for interrupted (its
   * replica died mid-delivery) and run again; longer than a delivery with all its retries can take.
   */
  @WithDefault("5m")
  Duration runningStrandedAfter();

  /** Kafka consumer group: one per service, so each event is handled once across replicas. */
  @WithDefault("skill-service-hooks")
  String consumerGroup();
}
