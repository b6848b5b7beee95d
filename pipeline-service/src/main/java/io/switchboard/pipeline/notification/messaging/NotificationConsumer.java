package io.switchboard.pipeline.notification.messaging;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import io.switchboard.defaults.event.EventEnvelope;
import io.switchboard.defaults.event.Topics;
import io.switchboard.pipeline.config.NotificationConfig;
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
 * Consumes {@code agent.events}, {@code approval.events} and other services' {@code notifications}
 * in one consumer group (replicas share the partitions); offsets are committed after the batch is
 * processed, so a crash redelivers, and {@link NotificationIntake} ignores what it has seen.
 */
@ApplicationScoped
public class NotificationConsumer {

  private static final Logger LOG = Logger.getLogger(NotificationConsumer.class);

  private final NotificationConfig config;
  private final NotificationIntake intake;
  private final ObjectMapper mapper;
  private final Map<String, Object> kafkaConfig;
  private volatile KafkaConsumer<String, String> consumer;
  private volatile boolean running;

  public NotificationConsumer(
      NotificationConfig config,
      NotificationIntake intake,
      ObjectMapper mapper,
      @Identifier("default-kafka-broker") Map<String, Object> kafkaConfig) {
    this.config = config;
    this.intake = intake;
    this.mapper = mapper;
    this.kafkaConfig = kafkaConfig;
  }

  void start(@Observes StartupEvent event) {
    if (!config.consumerEnabled()) {
      return;
    }
    running = true;
    Thread thread = new Thread(this::run, "notification-consumer");
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
        kafka.subscribe(List.of(Topics.AGENT_EVENTS, Topics.APPROVAL_EVENTS, Topics.NOTIFICATIONS));
        while (running) {
          for (ConsumerRecord<String, String> record : kafka.poll(Duration.ofMillis(500))) {
            handle(record);
          }
          kafka.commitSync();
        }
      } catch (WakeupException e) {
        return;
      } catch (RuntimeException e) {
        LOG.warnf("Consuming events for notifications failed, retrying: %s", e.getMessage());
        sleepQuietly();
      }
    }
  }

  private void handle(ConsumerRecord<String, String> record) {
    EventEnvelope event;
    try {
      event = mapper.readValue(record.value(), EventEnvelope.class);
    } catch (Exception e) {
      LOG.warnf("Skipping an unreadable %s record: %s", record.topic(), e.getMessage());
      return;
    }
    try {
      intake.handle(record.topic(), event);
    } catch (IllegalArgumentException e) {
      LOG.warnf("Skipping %s event %s: %s", record.topic(), event.id(), e.getMessage());
    }
  }

  private KafkaConsumer<String, String> newConsumer() {
    Map<String, Object> settings = new HashMap<>(kafkaConfig);
    settings.put(ConsumerConfig.GROUP_ID_CONFIG, config.consumerGroup());
    settings.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    settings.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    settings.put(ConsumerConfig.CLIENT_ID_CONFIG, "pipeline-notifications");
    return new KafkaConsumer<>(settings, new StringDeserializer(), new StringDeserializer());
  }

  private void sleepQuietly() {
    try {
      Thread.sleep(1000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      running = false;
    }
  }
}
