package io.switchboard.gateway.ws.messaging;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import io.switchboard.gateway.config.GatewayConfig;
import io.switchboard.gateway.ws.Channel;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
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
  private volatile KafkaConsumer<String, String> consumer;
  private volatile boolean running;
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
    if (!enabled) {
      return;
    }
    running = true;
    Thread thread = new Thread(this::run, "ws-event-feed");
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
        Set<TopicPartition> assigned = new HashSet<>();
        while (running && assigned.isEmpty()) {
          assigned.addAll(partitions(kafka));
          if (assigned.isEmpty()) {
            sleepQuietly();
          }
        }
        kafka.assign(assigned);
        kafka.seekToEnd(assigned);
        assigned.forEach(kafka::position); // fixes the starting offsets now
        live = true;
        LOG.infof("Following %s from their end for WebSocket clients", Channel.TOPICS);
        long nextRefresh = System.nanoTime() + REFRESH.toNanos();
        while (running) {
          for (ConsumerRecord<String, String> record : kafka.poll(Duration.ofMillis(200))) {
            router.route(record.topic(), record.key(), record.value());
          }
          if (System.nanoTime() > nextRefresh) {
            addNewPartitions(kafka, assigned);
            nextRefresh = System.nanoTime() + REFRESH.toNanos();
          }
        }
      } catch (WakeupException e) {
        return;
      } catch (RuntimeException e) {
        live = false;
        LOG.warnf("Following the event topics failed, retrying: %s", e.getMessage());
        sleepQuietly();
      }
    }
  }

  private void addNewPartitions(KafkaConsumer<String, String> kafka, Set<TopicPartition> assigned) {
    List<TopicPartition> fresh = new ArrayList<>(partitions(kafka));
    fresh.removeAll(assigned);
    if (!fresh.isEmpty()) {
      assigned.addAll(fresh);
      kafka.assign(assigned);
      kafka.seekToBeginning(fresh);
      LOG.infof("Following new partitions %s", fresh);
    }
  }

  private static List<TopicPartition> partitions(KafkaConsumer<String, String> kafka) {
    List<TopicPartition> found = new ArrayList<>();
    for (String topic : Channel.TOPICS) {
      List<PartitionInfo> infos = kafka.partitionsFor(topic, Duration.ofSeconds(5));
      if (infos != null) {
        infos.forEach(info -> found.add(new TopicPartition(info.topic(), info.partition())));
      }
    }
    return found;
  }

  private KafkaConsumer<String, String> newConsumer() {
    Map<String, Object> settings = new HashMap<>(kafkaConfig);
    settings.remove(ConsumerConfig.GROUP_ID_CONFIG);
    settings.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    settings.put(ConsumerConfig.CLIENT_ID_CONFIG, "gateway-ws-event-feed");
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
