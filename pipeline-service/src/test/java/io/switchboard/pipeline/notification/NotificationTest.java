package io.switchboard.pipeline.notification;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import io.switchboard.defaults.event.EventEnvelope;
import io.switchboard.defaults.event.Topics;
import io.switchboard.pipeline.notification.service.NotificationPurge;
import io.switchboard.pipeline.support.Api;
import io.switchboard.pipeline.support.Eventually;
import io.switchboard.pipeline.support.StubServices;
import io.switchboard.testing.KafkaProbe;
import io.switchboard.testing.SwitchboardTestResource;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.UUID;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(SwitchboardTestResource.class)
@WithTestResource(StubServices.class)
class NotificationTest {

  private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();

  @Inject DataSource dataSource;
  @Inject NotificationPurge purge;

  @ConfigProperty(name = "kafka.bootstrap.servers")
  String bootstrap;

  private final UUID user = UUID.randomUUID();
  private final Api api = new Api(user);

  @BeforeAll
  static void logFailures() {
    RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
  }

  private EventEnvelope approvalRequested(String source) {
    ObjectNode data = JSON.createObjectNode();
    data.put("requestId", UUID.randomUUID().toString());
    data.put("source", source);
    data.put("summary", "run tool delete_file");
    return EventEnvelope.create("approval.requested", "agent-service", user.toString(), data);
  }

  private void send(String topic, EventEnvelope event) throws Exception {
    new KafkaProbe(bootstrap).send(topic, user.toString(), JSON.writeValueAsString(event));
  }

  private JsonPath awaitTotal(String query, int total) {
    return Eventually.await(
        total + " notifications",
        () -> api.notifications(query),
        n -> n.getInt("total") == total && n.getList("notifications").size() == total);
  }

  @Test
  void shouldListReadAndReadAllTheCallersNotifications() throws Exception {
    for (int i = 0; i < 3; i++) {
      send(Topics.APPROVAL_EVENTS, approvalRequested("agent"));
    }
    JsonPath all = awaitTotal("", 3);
    assertThat(all.getInt("unreadCount")).isEqualTo(3);
    assertThat(all.getString("notifications[0].type")).isEqualTo("approval.requested");
    assertThat(all.getString("notifications[0].body")).isEqualTo("run tool delete_file");
    assertThat(all.getString("notifications[0].data.requestId")).isNotBlank();
    JsonPath page = api.notifications("?limit=1&offset=1");
    assertThat(page.getList("notifications")).hasSize(1);
    assertThat(page.getBoolean("hasMore")).isTrue();
    assertThat(page.getInt("limit")).isEqualTo(1);
    assertThat(page.getInt("offset")).isEqualTo(1);

    String id = all.getString("notifications[0].id");
    given()
        .auth()
        .oauth2(api.token())
        .post("/api/notifications/" + id + "/read")
        .then()
        .statusCode(200)
        .body("read", equalTo(true))
        .body("id", equalTo(id));
    JsonPath unread = api.notifications("?unread=true");
    assertThat(unread.getInt("total")).isEqualTo(2);
    assertThat(unread.getInt("unreadCount")).isEqualTo(2);
    given()
        .auth()
        .oauth2(api.token())
        .post("/api/notifications/read-all")
        .then()
        .statusCode(200)
        .body("updated", equalTo(2));
    assertThat(api.notifications("").getInt("unreadCount")).isZero();
  }

  @Test
  void shouldAnswer404ForAnotherUsersNotification() throws Exception {
    send(Topics.APPROVAL_EVENTS, approvalRequested("agent"));
    String id = awaitTotal("", 1).getString("notifications[0].id");
    Api other = new Api(UUID.randomUUID());
    given()
        .auth()
        .oauth2(other.token())
        .post("/api/notifications/" + id + "/read")
        .then()
        .statusCode(404)
        .body("code", equalTo("not_found"));
    assertThat(other.notifications("").getInt("total")).isZero();
    given()
        .auth()
        .oauth2(other.token())
        .post("/api/notifications/read-all")
        .then()
        .statusCode(200)
        .body("updated", equalTo(0));
    assertThat(api.notifications("").getInt("unreadCount")).isEqualTo(1);
  }

  @Test
  void shouldCreateOneNotificationForARedeliveredEvent() throws Exception {
    EventEnvelope event = approvalRequested("agent");
    send(Topics.APPROVAL_EVENTS, event);
    send(Topics.APPROVAL_EVENTS, event);
    // Same key, same partition: once the sentinel is in, the redelivery has been processed.
    EventEnvelope sentinel = approvalRequested("agent");
    send(Topics.APPROVAL_EVENTS, sentinel);
    JsonPath all =
        Eventually.await(
            "sentinel",
            () -> api.notifications(""),
            n ->
                n.getList("notifications.data.requestId", String.class)
                    .contains(sentinel.data().path("requestId").asText()));
    assertThat(all.getList("notifications.data.requestId", String.class))
        .filteredOn(r -> r.equals(event.data().path("requestId").asText()))
        .hasSize(1);
    assertThat(all.getInt("total")).isEqualTo(2);
  }

  @Test
  void shouldNotifyAnAgentErrorAndIgnoreOwnPipelineApprovals() throws Exception {
    ObjectNode data = JSON.createObjectNode().put("agentId", "a-1").put("status", "error");
    data.put("error", "model unreachable");
    send(Topics.APPROVAL_EVENTS, approvalRequested("pipeline"));
    send(
        Topics.AGENT_EVENTS,
        EventEnvelope.create("agent.status", "agent-service", user.toString(), data));
    JsonPath all = awaitTotal("", 1);
    assertThat(all.getString("notifications[0].type")).isEqualTo("agent.error");
    assertThat(all.getString("notifications[0].body")).isEqualTo("model unreachable");
    assertThat(all.getString("notifications[0].data.agentId")).isEqualTo("a-1");
  }

  private EventEnvelope skillNotification(UUID id, String kind, String title) {
    ObjectNode data = JSON.createObjectNode();
    data.put("id", id.toString());
    data.put("type", kind);
    data.put("title", title);
    data.put("body", "from skill-service");
    data.put("level", "warning");
    data.put("createdAt", "2026-01-02T03:04:05Z");
    data.putObject("data").put("hookId", "h-1").put("eventType", "agent.status");
    return EventEnvelope.create("notification", "skill-service", user.toString(), data);
  }

  @Test
  void shouldStoreAHookNotificationOnceUnderItsOwnIdWithoutPushingItAgain() throws Exception {
    UUID id = UUID.randomUUID();
    EventEnvelope hook = skillNotification(id, "hook", "Hook fired");
    send(Topics.NOTIFICATIONS, hook);
    send(Topics.NOTIFICATIONS, hook);
    send(Topics.NOTIFICATIONS, skillNotification(id, "hook", "Hook fired, published twice"));
    UUID sentinel = UUID.randomUUID();
    send(Topics.NOTIFICATIONS, skillNotification(sentinel, "tool", "Sentinel"));
    JsonPath all =
        Eventually.await(
            "sentinel",
            () -> api.notifications(""),
            n -> n.getList("notifications.id", String.class).contains(sentinel.toString()));

    assertThat(all.getInt("total")).isEqualTo(2);
    assertThat(all.getInt("unreadCount")).isEqualTo(2);
    JsonPath stored = all.setRootPath("notifications.find { it.id == '" + id + "' }");
    assertThat(stored.getString("type")).isEqualTo("hook.notify");
    assertThat(stored.getString("title")).isEqualTo("Hook fired");
    assertThat(stored.getString("body")).isEqualTo("from skill-service");
    assertThat(stored.getString("data.hookId")).isEqualTo("h-1");
    assertThat(stored.getString("data.level")).isEqualTo("warning");
    assertThat(stored.getString("createdAt")).startsWith("2026-01-02T03:04:05");
    assertThat(
            all.setRootPath("")
                .getString("notifications.find { it.id == '" + sentinel + "' }.type"))
        .isEqualTo("tool.notify");
    // Already pushed by skill-service: only the three records sent here carry its id.
    Eventually.await("the outbox relayed", this::unrelayed, n -> n == 0);
    assertThat(recordsMentioning(Topics.NOTIFICATIONS, id.toString())).isEqualTo(3);
  }

  @Test
  void shouldNotNotifyTheApprovalOfAPipelineToolStageTwice() throws Exception {
    ObjectNode data = JSON.createObjectNode();
    data.put("requestId", UUID.randomUUID().toString());
    data.put("summary", "Run s.ask");
    data.put("requestedBy", "pipeline-service");
    send(
        Topics.APPROVAL_EVENTS,
        EventEnvelope.create("approval.requested", "skill-service", user.toString(), data));
    EventEnvelope sentinel = approvalRequested("agent");
    send(Topics.APPROVAL_EVENTS, sentinel);
    JsonPath all = awaitTotal("", 1);
    assertThat(all.getString("notifications[0].data.requestId"))
        .isEqualTo(sentinel.data().path("requestId").asText());
  }

  private long unrelayed() {
    try (Connection c = dataSource.getConnection();
        PreparedStatement p =
            c.prepareStatement("SELECT count(*) FROM outbox_event WHERE event_key = ?")) {
      p.setString(1, user.toString());
      try (var rs = p.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Records of the topic with the text in their value, read from the start to the end. */
  private int recordsMentioning(String topic, String text) {
    var config =
        java.util.Map.<String, Object>of(
            "bootstrap.servers", bootstrap, "group.id", "probe-" + UUID.randomUUID());
    var strings = new org.apache.kafka.common.serialization.StringDeserializer();
    try (var consumer =
        new org.apache.kafka.clients.consumer.KafkaConsumer<>(config, strings, strings)) {
      var partitions =
          consumer.partitionsFor(topic).stream()
              .map(p -> new org.apache.kafka.common.TopicPartition(topic, p.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      var end = consumer.endOffsets(partitions);
      int found = 0;
      while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
        for (var r : consumer.poll(java.time.Duration.ofMillis(200))) {
          if (r.value() != null && r.value().contains(text)) {
            found++;
          }
        }
      }
      return found;
    }
  }

  @Test
  void shouldPublishEachNotificationForTheGateway() throws Exception {
    send(Topics.APPROVAL_EVENTS, approvalRequested("agent"));
    String id = awaitTotal("", 1).getString("notifications[0].id");
    var record =
        new KafkaProbe(bootstrap)
            .find(
                Topics.NOTIFICATIONS,
                r -> user.toString().equals(r.key()) && r.value().contains(id));
    var envelope = JSON.readTree(record.value());
    assertThat(envelope.path("type").asText()).isEqualTo("notification");
    assertThat(envelope.path("subject").asText()).isEqualTo(user.toString());
    assertThat(envelope.at("/data/title").asText()).isEqualTo("Approval requested");
  }

  @Test
  void shouldPurgeNotificationsPastTheRetention() throws Exception {
    send(Topics.APPROVAL_EVENTS, approvalRequested("agent"));
    send(Topics.APPROVAL_EVENTS, approvalRequested("agent"));
    String old = awaitTotal("", 2).getString("notifications[1].id");
    try (Connection c = dataSource.getConnection();
        PreparedStatement p =
            c.prepareStatement("UPDATE notification SET created_at = ? WHERE id = ?")) {
      p.setObject(1, java.sql.Timestamp.from(Instant.now().minusSeconds(91L * 24 * 3600)));
      p.setObject(2, UUID.fromString(old));
      assertThat(p.executeUpdate()).isEqualTo(1);
    }
    assertThat(purge.purge()).isGreaterThanOrEqualTo(1);
    JsonPath left = api.notifications("");
    assertThat(left.getInt("total")).isEqualTo(1);
    assertThat(left.getList("notifications.id", String.class)).doesNotContain(old);
  }

  @Test
  void shouldRefuseBadListParameters() {
    given()
        .auth()
        .oauth2(api.token())
        .get("/api/notifications?unread=maybe")
        .then()
        .statusCode(400)
        .body("code", equalTo("validation_failed"));
    given()
        .auth()
        .oauth2(api.token())
        .get("/api/notifications?limit=0")
        .then()
        .statusCode(400)
        .body("code", equalTo("validation_failed"));
    given()
        .auth()
        .oauth2(api.token())
        .get("/api/notifications?limit=201")
        .then()
        .statusCode(400)
        .body("code", equalTo("validation_failed"));
    given().get("/api/notifications").then().statusCode(401);
  }
}
