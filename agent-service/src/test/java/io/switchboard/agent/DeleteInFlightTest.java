package io.switchboard.agent;

import static io.switchboard.agent.support.Api.as;
import static io.switchboard.agent.support.Api.message;
import static io.switchboard.agent.support.Api.messages;
import static io.switchboard.agent.support.Api.spawnId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.agent.runtime.InFlight;
import io.switchboard.agent.support.Eventually;
import io.switchboard.agent.support.Gate;
import io.switchboard.agent.support.Stubs;
import io.switchboard.agent.support.StubsResource;
import io.switchboard.testing.SwitchboardTestResource;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Deleting an agent interrupts the remote call its work is making (a completion or a tool
 * execution), here or on another replica, and nothing of that work follows the "deleted" event.
 */
@QuarkusTest
@WithTestResource(SwitchboardTestResource.class)
@WithTestResource(StubsResource.class)
class DeleteInFlightTest {

  static Stubs stubs;

  @Inject InFlight inFlight;
  @Inject DataSource dataSource;

  @BeforeAll
  static void start() {
    stubs = Stubs.get();
  }

  @Test
  void shouldInterruptTheCompletionInFlightWhenDeleted() throws Exception {
    UUID user = UUID.randomUUID();
    Gate gate = new Gate();
    String id = spawnId(user, Map.of());
    String session = session(user, id);
    stubs.sayAfter(user, gate, "too late");
    message(user, id, "slow one").statusCode(202);
    gate.awaitArrival();
    assertThat(inFlight.agents()).contains(UUID.fromString(id));

    as(user).delete("/api/agents/" + id).then().statusCode(204);

    awaitWorkerGone(id, session);
    assertThat(gate.answered()).as("interrupted, not answered by the model").isFalse();
    gate.open();
    messages(user, session, "").body("messages.content", equalTo(List.of("slow one")));
    assertThat(stubs.completionsOf(user)).hasSize(1);
    assertLastEventIsTheDeletion(id);
  }

  @Test
  void shouldInterruptTheToolExecutionInFlightWhenDeleted() throws Exception {
    UUID user = UUID.randomUUID();
    Gate gate = new Gate();
    stubs.executeGates.put(user, gate);
    stubs.callTool(user, "echo", "{\"say\":\"hi\"}").say(user, "never asked");
    String id = spawnId(user, Map.of());
    String session = session(user, id);
    message(user, id, "use the tool").statusCode(202);
    gate.awaitArrival();

    as(user).delete("/api/agents/" + id).then().statusCode(204);

    awaitWorkerGone(id, session);
    assertThat(gate.answered()).as("interrupted, not answered by the tool").isFalse();
    gate.open();
    assertThat(stubs.completionsOf(user)).as("no completion after the tool").hasSize(1);
    messages(user, session, "").body("messages.role", equalTo(List.of("user", "assistant")));
    assertLastEventIsTheDeletion(id);
  }

  @Test
  void shouldInterruptACallOfAnAgentDeletedThroughAnotherReplica() throws Exception {
    UUID user = UUID.randomUUID();
    Gate gate = new Gate();
    String id = spawnId(user, Map.of());
    String session = session(user, id);
    stubs.sayAfter(user, gate, "too late");
    message(user, id, "slow one").statusCode(202);
    gate.awaitArrival();

    // Another replica's delete: the rows change, this replica is not told.
    try (Connection c = dataSource.getConnection();
        PreparedStatement agent =
            c.prepareStatement(
                "UPDATE agent SET deleted_at = now(), status = 'stopped' WHERE id = ?");
        PreparedStatement work =
            c.prepareStatement("UPDATE agent_work SET status = 'cancelled' WHERE agent_id = ?")) {
      agent.setObject(1, UUID.fromString(id));
      agent.executeUpdate();
      work.setObject(1, UUID.fromString(id));
      work.executeUpdate();
    }

    awaitWorkerGone(id, session);
    assertThat(gate.answered()).as("interrupted by the watch").isFalse();
    gate.open();
    messages(user, session, "").body("messages.content", equalTo(List.of("slow one")));
  }

  private static String session(UUID user, String id) {
    return as(user).get("/api/agents/" + id).then().extract().path("sessionId");
  }

  /** The call ended and the runner gave the session up: nothing of that work can follow. */
  private void awaitWorkerGone(String id, String session) {
    Eventually.until(
        "the call was interrupted and the runner left",
        () -> !inFlight.agents().contains(UUID.fromString(id)) && leaseReleased(session));
  }

  private boolean leaseReleased(String session) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement("SELECT lease_owner FROM session WHERE id = ?")) {
      ps.setObject(1, UUID.fromString(session));
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() && rs.getString(1) == null;
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private long unrelayed(String id) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps =
            c.prepareStatement("SELECT count(*) FROM outbox_event WHERE event_key = ?")) {
      ps.setString(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Every agent.events record of the agent, read to the end of the topic once all are relayed. */
  private void assertLastEventIsTheDeletion(String id) {
    Eventually.until("every event of the agent reached Kafka", () -> unrelayed(id) == 0);
    List<JsonNode> events = new ArrayList<>();
    Map<String, Object> config =
        Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
            ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class),
            ConsumerConfig.GROUP_ID_CONFIG,
            "probe-" + UUID.randomUUID());
    try (var consumer =
        new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
      List<TopicPartition> partitions =
          consumer.partitionsFor("agent.events").stream()
              .map(p -> new TopicPartition(p.topic(), p.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
        for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
          if (id.equals(r.key())) {
            events.add(Stubs.read(r.value()));
          }
        }
      }
    }
    assertThat(events).isNotEmpty();
    JsonNode last = events.get(events.size() - 1);
    assertThat(last.path("type").asText()).isEqualTo("agent.status");
    assertThat(last.path("data").path("status").asText()).isEqualTo("stopped");
    assertThat(last.path("data").path("reason").asText()).isEqualTo("deleted");
  }
}
