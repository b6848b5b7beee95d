package io.switchboard.defaults.outbox;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.sql.DataSource;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** One relay step: lock a batch of outbox rows, send them, delete what the broker acknowledged. */
@ApplicationScoped
class OutboxBatch {

  private static final String LOCK =
      "SELECT id, topic, event_key, envelope::text, headers::text FROM outbox_event"
          + " ORDER BY position LIMIT ? FOR UPDATE SKIP LOCKED";
  private static final String DELETE = "DELETE FROM outbox_event WHERE id = ANY (?)";
  private static final String FORGET =
      "DELETE FROM processed_event WHERE processed_at < now() - make_interval(secs => ?)";
  private static final TypeReference<Map<String, String>> HEADERS = new TypeReference<>() {};

  private final DataSource dataSource;
  private final OutboxConfig config;
  private final ObjectMapper mapper;
  private final Map<String, Object> kafkaConfig;
  private final MeterRegistry registry;
  private Producer<String, byte[]> producer;
  private KafkaClientMetrics producerMetrics;

  OutboxBatch(
      DataSource dataSource,
      OutboxConfig config,
      ObjectMapper mapper,
      @Identifier("default-kafka-broker") Map<String, Object> kafkaConfig,
      MeterRegistry registry) {
    this.dataSource = dataSource;
    this.config = config;
    this.mapper = mapper;
    this.kafkaConfig = kafkaConfig;
    this.registry = registry;
  }

  /** Relays the next batch inside the caller's transaction; returns how many were sent. */
  int relayNext() throws SQLException, IOException, InterruptedException, TimeoutException {
    try (Connection connection = dataSource.getConnection()) {
      List<UUID> ids = new ArrayList<>();
      List<Future<RecordMetadata>> acks = new ArrayList<>();
      try (PreparedStatement lock = connection.prepareStatement(LOCK)) {
        lock.setInt(1, config.batchSize());
        try (ResultSet rows = lock.executeQuery()) {
          while (rows.next()) {
            ids.add(rows.getObject(1, UUID.class));
            acks.add(producer().send(record(rows)));
          }
        }
      }
      if (ids.isEmpty()) {
        return 0;
      }
      awaitAcknowledgements(acks);
      try (PreparedStatement delete = connection.prepareStatement(DELETE)) {
        delete.setArray(1, connection.createArrayOf("uuid", ids.toArray()));
        delete.executeUpdate();
      }
      return ids.size();
    }
  }

  void forgetOldProcessedEvents() {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement forget = connection.prepareStatement(FORGET)) {
      forget.setLong(1, config.processedRetention().toSeconds());
      forget.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException("Could not forget old processed events", e);
    }
  }

  synchronized void close() {
    if (producer != null) {
      producerMetrics.close();
      producer.close(config.sendTimeout());
      producer = null;
    }
  }

  private ProducerRecord<String, byte[]> record(ResultSet row) throws SQLException, IOException {
    ProducerRecord<String, byte[]> record =
        new ProducerRecord<>(
            row.getString(2), row.getString(3), row.getString(4).getBytes(StandardCharsets.UTF_8));
    for (Map.Entry<String, String> header :
        mapper.readValue(row.getString(5), HEADERS).entrySet()) {
      record.headers().add(header.getKey(), header.getValue().getBytes(StandardCharsets.UTF_8));
    }
    return record;
  }

  private void awaitAcknowledgements(List<Future<RecordMetadata>> acks)
      throws InterruptedException, TimeoutException {
    long deadline = System.nanoTime() + config.sendTimeout().toNanos();
    for (Future<RecordMetadata> ack : acks) {
      try {
        ack.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      } catch (ExecutionException e) {
        throw new IllegalStateException("The broker refused an event: " + e.getCause(), e);
      }
    }
  }

  private synchronized Producer<String, byte[]> producer() {
    if (producer == null) {
      Map<String, Object> settings = new HashMap<>(kafkaConfig);
      settings.put(ProducerConfig.ACKS_CONFIG, "all");
      settings.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
      settings.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
      settings.put(
          ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) config.sendTimeout().toMillis());
      settings.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) config.sendTimeout().toMillis());
      settings.put(ProducerConfig.LINGER_MS_CONFIG, 0);
      settings.put(ProducerConfig.CLIENT_ID_CONFIG, "outbox-relay");
      producer = new KafkaProducer<>(settings, new StringSerializer(), new ByteArraySerializer());
      producerMetrics = new KafkaClientMetrics(producer);
      producerMetrics.bindTo(registry);
    }
    return producer;
  }
}
