package io.switchboard.skill.hook;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.common.annotation.Identifier;
import io.switchboard.defaults.event.EventEnvelope;
import io.switchboard.defaults.event.Topics;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
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
  private volatile KafkaConsumer<String, String> consumer;
  private volatile boolean running;

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
    running = true;
    Thread thread = new Thread(this::run, "hook-events");
    thread.setDaemon(true);
    thread.start();
  }

  void stop(@Observes ShutdownEvent event) {
    running = false;
    KafkaConsumer<String, String> current = consumer;
    if (current != null) {
      current.wakeup();
    }
  }

  private void run() {
    while (running) {
      try (KafkaConsumer<String, String> kafka = newConsumer()) {
        consumer = kafka;
        kafka.subscribe(TOPICS);
        while (running) {
          var records = kafka.poll(Duration.ofMillis(500));
          for (ConsumerRecord<String, String> record : records) {
            handle(record);
          }
          if (!records.isEmpty()) {
            kafka.commitSync();
          }
        }
      } catch (WakeupException e) {
        return;
      } catch (RuntimeException e) {
        LOG.warnf("Consuming events for hooks failed, retrying: %s", e.getMessage());
        pause(1);
      }
    }
  }

  private void handle(ConsumerRecord<String, String> record) {
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
        pause(attempt);
        if (!running) {
          throw e;
        }
      }
    }
  }

  private KafkaConsumer<String, String> newConsumer() {
    Map<String, Object> settings = new HashMap<>(kafkaConfig);
    settings.put(ConsumerConfig.GROUP_ID_CONFIG, config.consumerGroup());
    settings.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    settings.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    settings.put(ConsumerConfig.CLIENT_ID_CONFIG, "skill-service-hooks");
    settings.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 100);
    settings.put(ConsumerConfig.METADATA_MAX_AGE_CONFIG, 10_000);
    return new KafkaConsumer<>(settings, new StringDeserializer(), new StringDeserializer());
  }

  private void pause(int attempt) {
    try {
      Thread.sleep(Math.min(30_000L, 500L << Math.min(attempt, 6)));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      running = false;
    }
  }
}
