package io.switchboard.agent;

import static io.switchboard.agent.support.Api.as;
import static io.switchboard.agent.support.Api.awaitStatus;
import static io.switchboard.agent.support.Api.events;
import static io.switchboard.agent.support.Api.message;
import static io.switchboard.agent.support.Api.spawnId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.switchboard.agent.support.Stubs;
import io.switchboard.agent.support.StubsResource;
import io.switchboard.testing.KafkaProbe;
import io.switchboard.testing.SwitchboardTestResource;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(SwitchboardTestResource.class)
@WithTestResource(StubsResource.class)
class EventRingTest {

  @Inject DataSource dataSource;

  @BeforeAll
  static void start() {
    RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    Stubs.get();
  }

  private static void toggle(UUID user, String id) {
    as(user).post("/api/agents/" + id + "/pause").then().statusCode(200);
    as(user).post("/api/agents/" + id + "/resume").then().statusCode(200);
  }

  private List<Long> storedSeqs(String agentId) throws Exception {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps =
            c.prepareStatement("SELECT seq FROM agent_event WHERE agent_id = ? ORDER BY seq")) {
      ps.setObject(1, UUID.fromString(agentId));
      List<Long> seqs = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          seqs.add(rs.getLong(1));
        }
      }
      return seqs;
    }
  }

  @Test
  void shouldNumberEventsFromOneWithoutHoles() throws Exception {
    UUID user = UUID.randomUUID();
    String id = spawnId(user, Map.of());
    message(user, id, "hi").statusCode(202);
    awaitStatus(user, id, "idle");
    List<Integer> seqs =
        events(user, id, "").statusCode(200).extract().jsonPath().getList("events.seq");
    assertThat(seqs).containsExactly(1, 2, 3, 4, 5);
    events(user, id, "")
        .body("events[0].type", equalTo("agent.status"))
        .body("events[0].agentId", equalTo(id))
        .body("events[0].data.status", equalTo("idle"))
        .body("events[0].data.previous", nullValue())
        .body("events[1].data.status", equalTo("running"))
        .body("events[1].data.previous", equalTo("idle"))
        .body("oldestSeq", equalTo(1))
        .body("gap", equalTo(false))
        .body("hasMore", equalTo(false))
        .body("nextCursor", equalTo(5));
  }

  @Test
  void shouldKeepSeqsContiguousUnderConcurrentAppends() throws Exception {
    UUID user = UUID.randomUUID();
    String id = spawnId(user, Map.of());
    ExecutorService pool = Executors.newFixedThreadPool(4);
    List<Future<?>> done = new ArrayList<>();
    for (int t = 0; t < 4; t++) {
      done.add(
          pool.submit(
              () -> {
                for (int i = 0; i < 10; i++) {
                  as(user).post("/api/agents/" + id + "/pause");
                  as(user).post("/api/agents/" + id + "/resume");
                }
              }));
    }
    for (Future<?> f : done) {
      f.get();
    }
    pool.shutdown();
    List<Long> seqs = storedSeqs(id);
    assertThat(seqs).isNotEmpty();
    for (int i = 0; i < seqs.size(); i++) {
      assertThat(seqs.get(i)).isEqualTo(i + 1L);
    }
  }

  @Test
  void shouldKeepOnlyTheNewest200AndReportTheGap() throws Exception {
    UUID user = UUID.randomUUID();
    String id = spawnId(user, Map.of());
    for (int i = 0; i < 125; i++) {
      toggle(user, id);
    }
    // 1 creation event + 250 pause/resume events: seq 1..251, the ring keeps 52..251
    List<Long> stored = storedSeqs(id);
    assertThat(stored).hasSize(200);
    assertThat(stored.get(0)).isEqualTo(52L);
    assertThat(stored.get(199)).isEqualTo(251L);
    events(user, id, "")
        .statusCode(200)
        .body("events", hasSize(50))
        .body("events[0].seq", equalTo(52))
        .body("oldestSeq", equalTo(52))
        .body("gap", equalTo(true))
        .body("hasMore", equalTo(true))
        .body("nextCursor", equalTo(101));
    events(user, id, "?after=51").body("gap", equalTo(false)).body("events[0].seq", equalTo(52));
    events(user, id, "?after=50").body("gap", equalTo(true));
    events(user, id, "?after=101&limit=200")
        .body("events", hasSize(150))
        .body("hasMore", equalTo(false))
        .body("nextCursor", equalTo(251));
    events(user, id, "?after=251")
        .body("events", hasSize(0))
        .body("nextCursor", equalTo(251))
        .body("hasMore", equalTo(false))
        .body("gap", equalTo(false));
  }

  @Test
  void shouldPublishEveryEventToKafkaThroughTheOutbox() throws Exception {
    UUID user = UUID.randomUUID();
    String id = spawnId(user, Map.of());
    KafkaProbe probe =
        new KafkaProbe(
            ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
    ConsumerRecord<String, String> record = probe.find("agent.events", r -> id.equals(r.key()));
    JsonNode envelope = Stubs.read(record.value());
    assertThat(envelope.path("type").asText()).isEqualTo("agent.status");
    assertThat(envelope.path("subject").asText()).isEqualTo(user.toString());
    assertThat(envelope.path("source").asText()).isEqualTo("agent-service");
    assertThat(envelope.path("seq").asLong()).isEqualTo(1L);
    assertThat(envelope.path("data").path("agentId").asText()).isEqualTo(id);
    assertThat(envelope.path("data").path("status").asText()).isEqualTo("idle");
  }
}
