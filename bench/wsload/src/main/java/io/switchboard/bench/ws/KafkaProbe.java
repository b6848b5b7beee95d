package io.switchboard.bench.ws;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads {@code agent.events} beside the gateway, the way its feed does (every partition, from the
 * end, no group), and records the Kafka leg alone: consume time - the event's {@code time}. Run side
 * by side with the WebSocket figures, it tells how much of the edge latency is Kafka (and the
 * machine's load) and how much the gateway's fan-out.
 */
final class KafkaProbe implements AutoCloseable {

  private final KafkaConsumer<String, String> consumer;
  private final IntFunction<Samples> samples;
  private final Thread thread;
  private volatile boolean running = true;

  KafkaProbe(String bootstrap, IntFunction<Samples> samples) {
    Map<String, Object> settings = new HashMap<>();
    settings.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    settings.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    settings.put(ConsumerConfig.CLIENT_ID_CONFIG, "bench-probe");
    this.consumer =
        new KafkaConsumer<>(settings, new StringDeserializer(), new StringDeserializer());
    this.samples = samples;
    List<TopicPartition> partitions = new ArrayList<>();
    for (PartitionInfo info : consumer.partitionsFor("agent.events", Duration.ofSeconds(10))) {
      partitions.add(new TopicPartition(info.topic(), info.partition()));
    }
    consumer.assign(partitions);
    consumer.seekToEnd(partitions);
    partitions.forEach(consumer::position);
    this.thread = new Thread(this::run, "kafka-probe");
    thread.setDaemon(true);
    thread.start();
  }

  private void run() {
    while (running) {
      for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
        long now = Clock.nowMicros();
        try {
          JsonNode event = Api.JSON.readTree(record.value());
          int step = event.path("data").path("bench").asInt(-1);
          if (step >= 0) {
            samples.apply(step).add(now - Clock.micros(event.path("time").asText()));
          }
        } catch (Exception e) {
          // not one of ours
        }
      }
    }
    consumer.close();
  }

  @Override
  public void close() throws InterruptedException {
    running = false;
    thread.join(5000);
  }
}
