package io.switchboard.defaults.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import io.switchboard.defaults.event.Topics;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jboss.logging.Logger;

/**
 * Follows {@code auth.events} on every replica (no consumer group: each replica reads every
 * partition), starting {@link RevocationConfig#replay()} back so a restarted service knows the
 * sessions revoked while it was down, and feeds {@code session.revoked} events to {@link
 * RevokedSessions}. {@link #caughtUp()} turns true once the replay reached the end of the topic;
 * readiness waits for it.
 */
@ApplicationScoped
public class RevocationListener {

  public static final String SESSION_REVOKED = "session.revoked";
  private static final Logger LOG = Logger.getLogger(RevocationListener.class);

  private final RevocationConfig config;
  private final RevokedSessions sessions;
  private final ObjectMapper mapper;
  private final Map<String, Object> kafkaConfig;
  private volatile KafkaConsumer<String, String> consumer;
  private volatile boolean caughtUp;
  private volatile boolean running;

  public RevocationListener(
      RevocationConfig config,
      RevokedSessions sessions,
      ObjectMapper mapper,
      @Identifier("default-kafka-broker") Map<String, Object> kafkaConfig) {
    this.config = config;
    this.sessions = sessions;
    this.mapper = mapper;
    this.kafkaConfig = kafkaConfig;
  }

  public boolean caughtUp() {
    return caughtUp || !config.enabled();
  }

  void start(@Observes StartupEvent event) {
    if (!config.enabled()) {
      return;
    }
    running = true;
    Thread thread = new Thread(this::run, "revocation-listener");
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
        Map<TopicPartition, Long> end = replayFrom(kafka);
        while (running) {
          for (ConsumerRecord<String, String> record : kafka.poll(Duration.ofMillis(200))) {
            apply(record.value());
          }
          if (!caughtUp
              && end.entrySet().stream()
                  .allMatch(e -> kafka.position(e.getKey()) >= e.getValue())) {
            caughtUp = true;
            LOG.infof("Revocations replayed: %d session(s) revoked", sessions.size());
          }
        }
      } catch (WakeupException e) {
        return;
      } catch (RuntimeException e) {
        LOG.warnf("Following %s failed, retrying: %s", Topics.AUTH_EVENTS, e.getMessage());
        sleepQuietly();
      }
    }
  }

  private Map<TopicPartition, Long> replayFrom(KafkaConsumer<String, String> kafka) {
    List<TopicPartition> partitions = List.of();
    while (running && partitions.isEmpty()) {
      partitions =
          kafka.partitionsFor(Topics.AUTH_EVENTS, Duration.ofSeconds(5)).stream()
              .map(info -> new TopicPartition(info.topic(), info.partition()))
              .toList();
      if (partitions.isEmpty()) {
        sleepQuietly();
      }
    }
    kafka.assign(partitions);
    long since = Instant.now().minus(config.replay()).toEpochMilli();
    Map<TopicPartition, OffsetAndTimestamp> starts =
        kafka.offsetsForTimes(partitions.stream().collect(Collectors.toMap(p -> p, p -> since)));
    Map<TopicPartition, Long> end = new HashMap<>(kafka.endOffsets(partitions));
    for (TopicPartition partition : partitions) {
      OffsetAndTimestamp start = starts.get(partition);
      kafka.seek(partition, start == null ? end.get(partition) : start.offset());
    }
    return end;
  }

  private void apply(String value) {
    try {
      JsonNode event = mapper.readTree(value);
      if (SESSION_REVOKED.equals(event.path("type").asText())) {
        JsonNode data = event.path("data");
        sessions.revoke(
            data.path("sessionId").asText(null), Instant.parse(data.path("expiresAt").asText()));
      }
    } catch (Exception e) {
      LOG.warnf("Skipping an unreadable %s record: %s", Topics.AUTH_EVENTS, e.getMessage());
    }
  }

  private KafkaConsumer<String, String> newConsumer() {
    Map<String, Object> settings = new HashMap<>(kafkaConfig);
    settings.remove(ConsumerConfig.GROUP_ID_CONFIG);
    settings.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    settings.put(ConsumerConfig.CLIENT_ID_CONFIG, "revocation-listener");
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
