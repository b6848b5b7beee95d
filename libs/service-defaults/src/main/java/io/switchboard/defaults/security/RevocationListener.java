package io.switchboard.defaults.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import io.switchboard.defaults.event.Topics;
import io.switchboard.defaults.messaging.ConsumerLoop;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
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

  /** How long one poll waits for records when there are none. */
  private static final Duration POLL = Duration.ofMillis(200);

  private final RevocationConfig config;
  private final RevokedSessions sessions;
  private final ObjectMapper mapper;
  private final Map<String, Object> kafkaConfig;
  private volatile ConsumerLoop loop;
  private volatile boolean caughtUp;
  private final Duration poll;

  @Inject
  public RevocationListener(
      RevocationConfig config,
      RevokedSessions sessions,
      ObjectMapper mapper,
      @Identifier("default-kafka-broker") Map<String, Object> kafkaConfig) {
    this(config, sessions, mapper, kafkaConfig, POLL);
  }

  RevocationListener(
      RevocationConfig config,
      RevokedSessions sessions,
      ObjectMapper mapper,
      Map<String, Object> kafkaConfig,
      Duration poll) {
    this.config = config;
    this.sessions = sessions;
    this.mapper = mapper;
    this.kafkaConfig = kafkaConfig;
    this.poll = poll;
  }

  public boolean caughtUp() {
    return caughtUp || !config.enabled();
  }

  void start(@Observes StartupEvent event) {
    if (config.enabled()) {
      loop = ConsumerLoop.start("revocation-listener", kafkaConfig, null, this::follow, () -> {});
    }
  }

  void stop(@Observes ShutdownEvent event) {
    if (loop != null) {
      loop.stop();
    }
  }

  private void follow(KafkaConsumer<String, String> kafka, BooleanSupplier running) {
    Map<TopicPartition, Long> end = replayFrom(kafka, running);
    while (running.getAsBoolean()) {
      // Checked before each poll too: with nothing to replay (or all of it read) the service is
      // ready at once, not after a poll that waits for records that are not there (readiness
      // waited those 200 ms at every start).
      if (!caughtUp
          && end.entrySet().stream().allMatch(e -> kafka.position(e.getKey()) >= e.getValue())) {
        caughtUp = true;
        LOG.infof("Revocations replayed: %d session(s) revoked", sessions.size());
      }
      for (ConsumerRecord<String, String> record : kafka.poll(poll)) {
        apply(record.value());
      }
    }
  }

  private Map<TopicPartition, Long> replayFrom(
      KafkaConsumer<String, String> kafka, BooleanSupplier running) {
    List<TopicPartition> partitions = List.of();
    while (partitions.isEmpty()) {
      partitions = ConsumerLoop.partitionsOf(kafka, List.of(Topics.AUTH_EVENTS));
      if (partitions.isEmpty() && !ConsumerLoop.sleep(running, 1000)) {
        return Map.of();
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
}
