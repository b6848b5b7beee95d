package io.switchboard.skill.hook;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.common.annotation.Identifier;
import io.switchboard.defaults.event.EventEnvelope;
import io.switchboard.defaults.event.Topics;
import io.switchboard.defaults.messaging.ConsumerLoop;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.jboss.logging.Logger;

/**
 * Consumes {@code agent.events}, {@code pipeline.events} and {@code approval.events} in the
 * consumer group {@code switchboard.hooks.consumer-group} (one per service: each event is handled
 * by one replica), fires the user's matching hooks, and commits the offsets after the batch's
 * transactions. A failing event is retried with backoff (~2 min), then skipped and logged so it
 * cannot block its partition; a consumer failure re-reads from the last commit and {@link
 * HookFiring} skips what it already handled.
 */
@ApplicationScoped
@RegisterForReflection(targets = EventEnvelope.class) // read and written by Jackson (native)
public class HookEventConsumer {

  static final List<String> TOPICS =
      List.of(Topics.AGENT_EVENTS, Topics.PIPELINE_EVENTS, Topics.APPROVAL_EVENTS);

  /** Attempts of one event before it is skipped (about 2 minutes of retries in all). */
  private static final int MAX_ATTEMPTS = 8;

  private static final Logger LOG = Logger.getLogger(HookEventConsumer.class);

  private final HooksConfig config;
  private final HookFiring firing;
  private final HookRunner runner;
  private final ObjectMapper mapper;
  private final Map<String, Object> kafkaConfig;
  private volatile ConsumerLoop loop;

  public HookEventConsumer(
      HooksConfig config,
      HookFiring firing,
      HookRunner runner,
      ObjectMapper mapper,
      @Identifier("default-kafka-broker") Map<String, Object> kafkaConfig) {
    this.config = config;
    this.firing = firing;
    this.runner = runner;
    this.mapper = mapper;
    this.kafkaConfig = kafkaConfig;
  }

  void start(@Observes StartupEvent event) {
    if (!config.consumerEnabled()) {
      return;
    }
    Map<String, Object> settings = new HashMap<>(kafkaConfig);
    settings.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 100);
    settings.put(ConsumerConfig.METADATA_MAX_AGE_CONFIG, 10_000);
    loop =
        ConsumerLoop.start(
            "skill-service-hooks", settings, config.consumerGroup(), this::consume, () -> {});
  }

  void stop(@Observes ShutdownEvent event) {
    if (loop != null) {
      loop.stop();
    }
  }

  private void consume(KafkaConsumer<String, String> kafka, BooleanSupplier running) {
    kafka.subscribe(TOPICS);
    while (running.getAsBoolean()) {
      var records = kafka.poll(Duration.ofMillis(500));
      for (ConsumerRecord<String, String> record : records) {
        handle(record, running);
      }
      if (!records.isEmpty()) {
        kafka.commitSync();
      }
    }
  }

  private void handle(ConsumerRecord<String, String> record, BooleanSupplier running) {
    EventEnvelope event;
    try {
      event = mapper.readValue(record.value(), EventEnvelope.class);
    } catch (Exception e) {
      LOG.warnf("Skipping an unreadable %s record at offset %d", record.topic(), record.offset());
      return;
    }
    for (int attempt = 1; ; attempt++) {
      try {
        runner.submit(firing.onEvent(event));
        return;
      } catch (RuntimeException e) {
        if (attempt >= MAX_ATTEMPTS) {
          // A poison event must not block its partition forever.
          LOG.errorf(
              "Skipping event %s (%s) after %d failed attempts: %s",
              event.id(), event.type(), attempt, e.getClass().getSimpleName());
          return;
        }
        LOG.warnf("Handling event %s failed (attempt %d), retrying", event.id(), attempt);
        if (!ConsumerLoop.sleep(running, Math.min(30_000L, 500L << Math.min(attempt, 6)))) {
          throw e; // stopping: the uncommitted event is read again by the next consumer
        }
      }
    }
  }
}
