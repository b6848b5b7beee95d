package io.switchboard.testing;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.switchboard.defaults.event.EventEnvelope;
import io.switchboard.defaults.outbox.Outbox;
import io.switchboard.defaults.outbox.ProcessedEvents;
import jakarta.inject.Inject;
import jakarta.transaction.TransactionalException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * The platform contract of a service that owns a database: on top of {@link PlatformContractTest},
 * proves it runs against the real PostgreSQL (its Flyway migrations applied) and the real Kafka
 * broker, that readiness watches the database, and that its transactional outbox and idempotent
 * consumer tables work.
 */
public abstract class DatabaseServiceContractTest extends PlatformContractTest {

  @Inject DataSource dataSource;
  @Inject Outbox outbox;
  @Inject ProcessedEvents processedEvents;

  @Test
  void shouldHaveAppliedItsMigrationsToARealPostgresql() throws SQLException {
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement()) {
      ResultSet version = statement.executeQuery("SELECT version()");
      assertThat(version.next()).isTrue();
      assertThat(version.getString(1)).startsWith("PostgreSQL");
      ResultSet migrations =
          statement.executeQuery(
              "SELECT count(*) FROM flyway_schema_history WHERE success AND version = '0.1'");
      assertThat(migrations.next()).isTrue();
      assertThat(migrations.getInt(1)).isEqualTo(1);
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
    KafkaProbe kafka = new KafkaProbe(bootstrapServers);

    kafka.send(topic, "key", "{\"probe\":1}");

    ConsumerRecord<String, String> record = kafka.first(topic);
    assertThat(record.key()).isEqualTo("key");
    assertThat(record.value()).isEqualTo("{\"probe\":1}");
  }

  @Test
  void shouldRelayACommittedOutboxEventToKafka() throws Exception {
    String topic = "contract-outbox-" + UUID.randomUUID();
    EventEnvelope event = probeEvent();

    QuarkusTransaction.requiringNew().run(() -> outbox.publish(topic, event.subject(), event));

    ConsumerRecord<String, String> record = new KafkaProbe(bootstrapServers).first(topic);
    assertThat(record.key()).isEqualTo(event.subject());
    assertThat(record.value())
        .contains("\"id\": \"" + event.id() + "\"")
        .contains("\"type\": \"contract.probe\"")
        .contains("zażółć 🚀");
    assertThat(record.headers().lastHeader("X-Request-Id")).isNull();
    awaitOutboxRowGone(event.id());
  }

  @Test
  void shouldExposePoolOutboxAndProducerMetrics() throws Exception {
    String topic = "contract-metrics-" + UUID.randomUUID();
    EventEnvelope event = probeEvent();
    QuarkusTransaction.requiringNew().run(() -> outbox.publish(topic, event.subject(), event));
    new KafkaProbe(bootstrapServers).first(topic);
    awaitOutboxRowGone(event.id());

    given()
        .get("/metrics")
        .then()
        .statusCode(200)
        .body(containsString("agroal_active_count"))
        .body(containsString("switchboard_outbox_relayed_total"))
        .body(containsString("kafka_producer_record_send_total"));
  }

  @Test
  void shouldNeverRelayAnEventWhoseTransactionRolledBack() throws SQLException {
    EventEnvelope event = probeEvent();

    assertThatThrownBy(
            () ->
                QuarkusTransaction.requiringNew()
                    .run(
                        () -> {
                          outbox.publish("contract-rollback", event.subject(), event);
                          throw new IllegalStateException("the state change failed");
                        }))
        .hasMessageContaining("the state change failed");

    assertThat(outboxRows(event.id())).isZero();
  }

  @Test
  void shouldRefuseToQueueAnEventOutsideATransaction() {
    EventEnvelope event = probeEvent();

    assertThatThrownBy(() -> outbox.publish("contract-no-tx", event.subject(), event))
        .isInstanceOf(TransactionalException.class);
  }

  @Test
  void shouldRecogniseARedeliveredEvent() {
    UUID eventId = UUID.randomUUID();

    boolean first =
        QuarkusTransaction.requiringNew().call(() -> processedEvents.firstDelivery("a", eventId));
    boolean again =
        QuarkusTransaction.requiringNew().call(() -> processedEvents.firstDelivery("a", eventId));
    boolean otherConsumer =
        QuarkusTransaction.requiringNew().call(() -> processedEvents.firstDelivery("b", eventId));

    assertThat(first).isTrue();
    assertThat(again).isFalse();
    assertThat(otherConsumer).isTrue();
  }

  private static EventEnvelope probeEvent() {
    return EventEnvelope.create(
        "contract.probe",
        "contract-test",
        UUID.randomUUID().toString(),
        JsonNodeFactory.instance.objectNode().put("text", "zażółć 🚀"));
  }

  private void awaitOutboxRowGone(UUID id) throws SQLException, InterruptedException {
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (outboxRows(id) > 0) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("Outbox row " + id + " was relayed but never deleted");
      }
      Thread.sleep(50);
    }
  }

  private int outboxRows(UUID id) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement count =
            connection.prepareStatement("SELECT count(*) FROM outbox_event WHERE id = ?")) {
      count.setObject(1, id);
      try (ResultSet rows = count.executeQuery()) {
        rows.next();
        return rows.getInt(1);
      }
    }
  }
}
