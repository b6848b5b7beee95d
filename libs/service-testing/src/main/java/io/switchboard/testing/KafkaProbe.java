package io.switchboard.testing;

import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Produces to and reads from the test broker, as another service would. */
public final class KafkaProbe {

  private final String bootstrapServers;

  public KafkaProbe(String bootstrapServers) {
    this.bootstrapServers = bootstrapServers;
  }

  /** Sends one record and waits for the broker's acknowledgement. */
  public void send(String topic, String key, String value) {
    Properties config = new Properties();
    config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    try (var producer =
        new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
      producer.send(new ProducerRecord<>(topic, key, value)).get();
    } catch (Exception e) {
      throw new AssertionError("The broker did not take the record", e);
    }
  }

  /** The first record of {@code topic} (read from the start), or an assertion error after 30 s. */
  public ConsumerRecord<String, String> first(String topic) {
    return find(topic, record -> true);
  }

  /** The first record of {@code topic} that matches, or an assertion error after 30 s. */
  public ConsumerRecord<String, String> find(
      String topic, java.util.function.Predicate<ConsumerRecord<String, String>> matches) {
    Map<String, Object> config =
        Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
            bootstrapServers,
            ConsumerConfig.GROUP_ID_CONFIG,
            "probe-" + UUID.randomUUID(),
            ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
            "earliest");
    try (var consumer =
        new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
      consumer.subscribe(List.of(topic));
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (System.nanoTime() < deadline) {
        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(250))) {
          if (matches.test(record)) {
            return record;
          }
        }
      }
    }
    throw new AssertionError("Nothing expected arrived on topic " + topic);
  }

  /**
   * Every record of every topic on the broker, from the first offset to the current end: keys,
   * values and header values as raw bytes, one after the other. For searches such as "no secret
   * ever reached Kafka".
   */
  public byte[] everything() {
    Map<String, Object> config =
        Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
            bootstrapServers,
            ConsumerConfig.GROUP_ID_CONFIG,
            "probe-" + UUID.randomUUID(),
            ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
            false);
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    try (var consumer =
        new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions = new ArrayList<>();
      consumer
          .listTopics(Duration.ofSeconds(10))
          .values()
          .forEach(
              infos ->
                  infos.forEach(i -> partitions.add(new TopicPartition(i.topic(), i.partition()))));
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(10));
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
        if (System.nanoTime() > deadline) {
          throw new AssertionError("Could not read every topic to its end within 30 s");
        }
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(250))) {
          all.writeBytes(record.key() == null ? new byte[0] : record.key());
          all.writeBytes(record.value() == null ? new byte[0] : record.value());
          record
              .headers()
              .forEach(h -> all.writeBytes(h.value() == null ? new byte[0] : h.value()));
        }
      }
    }
    return all.toByteArray();
  }
}
