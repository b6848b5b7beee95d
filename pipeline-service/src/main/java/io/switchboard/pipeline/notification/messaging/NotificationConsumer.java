package io.switchboard.pipeline.notification.messaging;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import io.switchboard.defaults.event.EventEnvelope;
import io.switchboard.defaults.event.Topics;
import io.switchboard.defaults.messaging.ConsumerLoop;
import io.switchboard.pipeline.config.NotificationConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
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
  private volatile ConsumerLoop loop;

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
    if (config.consumerEnabled()) {
      loop =
          ConsumerLoop.start(
              "pipeline-notifications",
              kafkaConfig,
              config.consumerGroup(),
              this::consume,
              () -> {});
    }
  }

  void stop(@Observes ShutdownEvent event) {
    if (loop != null) {
      loop.stop();
    }
  }

  private void consume(KafkaConsumer<String, String> kafka, BooleanSupplier running) {
    kafka.subscribe(List.of(Topics.AGENT_EVENTS, Topics.APPROVAL_EVENTS, Topics.NOTIFICATIONS));
    while (running.getAsBoolean()) {
      for (ConsumerRecord<String, String> record : kafka.poll(Duration.ofMillis(500))) {
        handle(record);
      }
      kafka.commitSync();
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
}
