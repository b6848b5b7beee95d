package io.switchboard.testing;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * The platform contract of a service that owns a database: on top of {@link PlatformContractTest},
 * proves it runs against the real PostgreSQL (its Flyway migrations applied) and the real Kafka
 * broker, and that readiness watches the database.
 */
public abstract class DatabaseServiceContractTest extends PlatformContractTest {

  @Inject DataSource dataSource;

  @ConfigProperty(name = "kafka.bootstrap.servers")
  String bootstrapServers;

  @Test
  void shouldHaveAppliedItsMigrationsToARealPostgresql() throws SQLException {
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement()) {
      ResultSet version = statement.executeQuery("SELECT version()");
      assertThat(version.next()).isTrue();
      assertThat(version.getString(1)).startsWith("PostgreSQL");
      ResultSet migrations =
          statement.executeQuery(
              "SELECT count(*) FROM flyway_schema_history WHERE success AND version IS NOT NULL");
      assertThat(migrations.next()).isTrue();
      assertThat(migrations.getInt(1)).isPositive();
    }
  }

  @Test
  void shouldReportTheDatabaseInReadiness() {
    given()
        .get("/health/ready")
        .then()
        .statusCode(200)
        .body("checks.find { it.name.contains('Database') }.status", equalTo("UP"));
  }

  @Test
  void shouldRoundTripARecordThroughTheRealBroker() {
    String topic = "contract-" + UUID.randomUUID();
    String payload = "{\"probe\":\"" + UUID.randomUUID() + "\"}";
    Properties producerConfig = new Properties();
    producerConfig.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    producerConfig.put(ProducerConfig.ACKS_CONFIG, "all");
    producerConfig.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    try (var producer =
        new KafkaProducer<>(producerConfig, new StringSerializer(), new StringSerializer())) {
      producer.send(new ProducerRecord<>(topic, "key", payload)).get();
    } catch (Exception e) {
      throw new AssertionError("The broker did not take the record", e);
    }
    Map<String, Object> consumerConfig =
        Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
            bootstrapServers,
            ConsumerConfig.GROUP_ID_CONFIG,
            "contract-" + UUID.randomUUID(),
            ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
            "earliest");
    try (var consumer =
        new KafkaConsumer<>(consumerConfig, new StringDeserializer(), new StringDeserializer())) {
      consumer.subscribe(List.of(topic));
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (System.nanoTime() < deadline) {
        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(250))) {
          assertThat(record.key()).isEqualTo("key");
          assertThat(record.value()).isEqualTo(payload);
          return;
        }
      }
    }
    throw new AssertionError("The record never came back from topic " + topic);
  }
}
