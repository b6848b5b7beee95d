package io.switchboard.gateway.ws.messaging;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import io.switchboard.defaults.messaging.ConsumerLoop;
import io.switchboard.gateway.config.GatewayConfig;
import io.switchboard.gateway.ws.Channel;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;

/**
 * Follows {@code agent.events}, {@code approval.events}, {@code notifications} and {@code
 * pipeline.events} for the WebSocket clients, the way {@code RevocationListener} follows {@code
 * auth.events}: every replica reads every partition (no consumer group, nothing committed), so any
 * replica can serve any user. Live only: it starts at the end of each partition (a partition that
 * appears later is read from its beginning, as all of it is new). {@link #live()} turns true once
 * its starting positions are fixed.
 */
@ApplicationScoped
public class EventFeed {

  private static final Logger LOG = Logger.getLogger(EventFeed.class);
  private static final Duration REFRESH = Duration.ofSeconds(10);

  private final boolean enabled;
  private final EventRouter router;
  private final Map<String, Object> kafkaConfig;
  private volatile ConsumerLoop loop;
  private volatile boolean live;

  public EventFeed(
      GatewayConfig config,
      EventRouter router,
      @Identifier("default-kafka-broker") Map<String, Object> kafkaConfig) {
    this.enabled = config.ws().eventsEnabled();
    this.router = router;
    this.kafkaConfig = kafkaConfig;
  }

  /** Whether events are being followed from fixed positions (always true when turned off). */
  public boolean live() {
    return live || !enabled;
  }

  void start(@Observes StartupEvent event) {
    if (enabled) {
      loop =
          ConsumerLoop.start("gateway-ws-event-feed", kafkaConfig, null, this::follow, this::lost);
    }
  }

  void stop(@Observes ShutdownEvent event) {
    if (loop != null) {
      loop.stop();
    }
  }

  private void lost() {
    live = false;
  }

  private void follow(KafkaConsumer<String, String> kafka, BooleanSupplier running) {
    Set<TopicPartition> assigned = new HashSet<>();
    while (assigned.isEmpty()) {
      assigned.addAll(ConsumerLoop.partitionsOf(kafka, Channel.TOPICS));
      if (assigned.isEmpty() && !ConsumerLoop.sleep(running, 1000)) {
        return;
      }
    }
    kafka.assign(assigned);
    kafka.seekToEnd(assigned);
    assigned.forEach(kafka::position); // fixes the starting offsets now
    live = true;
    LOG.infof("Following %s from their end for WebSocket clients", Channel.TOPICS);
    long nextRefresh = System.nanoTime() + REFRESH.toNanos();
    while (running.getAsBoolean()) {
      for (ConsumerRecord<String, String> record : kafka.poll(Duration.ofMillis(200))) {
        router.route(record.topic(), record.key(), record.value());
      }
      if (System.nanoTime() > nextRefresh) {
        addNewPartitions(kafka, assigned);
        nextRefresh = System.nanoTime() + REFRESH.toNanos();
      }
    }
  }

  private void addNewPartitions(KafkaConsumer<String, String> kafka, Set<TopicPartition> assigned) {
    List<TopicPartition> fresh = new ArrayList<>(ConsumerLoop.partitionsOf(kafka, Channel.TOPICS));
    fresh.removeAll(assigned);
    if (!fresh.isEmpty()) {
      assigned.addAll(fresh);
      kafka.assign(assigned);
      kafka.seekToBeginning(fresh);
      LOG.infof("Following new partitions %s", fresh);
    }
  }
}
