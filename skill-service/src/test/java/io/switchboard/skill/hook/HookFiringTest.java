package io.switchboard.skill.hook;

import static io.restassured.RestAssured.given;
import static io.switchboard.skill.support.Hooks.action;
import static io.switchboard.skill.support.Hooks.await;
import static io.switchboard.skill.support.Hooks.create;
import static io.switchboard.skill.support.Hooks.createId;
import static io.switchboard.skill.support.Hooks.executionList;
import static io.switchboard.skill.support.Hooks.executions;
import static io.switchboard.skill.support.Hooks.hook;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.switchboard.defaults.event.EventEnvelope;
import io.switchboard.defaults.event.Topics;
import io.switchboard.skill.support.HookStub;
import io.switchboard.testing.KafkaProbe;
import io.switchboard.testing.SwitchboardTestResource;
import io.switchboard.testing.TestTokens;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(SwitchboardTestResource.class)
class HookFiringTest {

  @ConfigProperty(name = "kafka.bootstrap.servers")
  String kafka;

  @Inject ObjectMapper mapper;
  @Inject javax.sql.DataSource dataSource;

  private final UUID user = UUID.randomUUID();

  @BeforeAll
  static void logFailures() {
    RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
  }

  private static Map<String, Object> with(Map<String, Object> base, String key, Object value) {
    Map<String, Object> copy = new HashMap<>(base);
    copy.put(key, value);
    return copy;
  }

  private static Map<String, Object> notify(String title) {
    return action("notify", Map.of("title", title, "body", "b"));
  }

  private EventEnvelope event(String type, Map<String, Object> data) {
    JsonNode node = mapper.valueToTree(data);
    return EventEnvelope.create(type, "agent-service", user.toString(), node);
  }

  private void publish(String topic, EventEnvelope event) {
    try {
      // Keyed by user: one partition, so events of a test are consumed in order.
      new KafkaProbe(kafka).send(topic, user.toString(), mapper.writeValueAsString(event));
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private int count(String hookId) {
    return executionList(user, hookId).size();
  }

  /** A marker hook on agent.message: once it fired, every earlier event was consumed. */
  private void drain() {
    String marker = createId(user, hook("agent.message", notify("marker")));
    publish(Topics.AGENT_EVENTS, event("agent.message", Map.of("content", "marker")));
    await("the marker hook", () -> count(marker) == 1);
  }

  @Test
  void shouldFireAMatchingHookOnceEvenWhenTheEventIsDeliveredTwice() throws Exception {
    String tag = "/ok/" + UUID.randomUUID();
    var created =
        create(
                user,
                with(
                    hook("agent.status", action("webhook", Map.of("url", HookStub.url() + tag))),
                    "conditions",
                    List.of(Map.of("field", "status", "op", "eq", "value", "error"))))
            .statusCode(201)
            .extract();
    String id = created.path("id");
    String secret = created.path("secret");
    EventEnvelope event = event("agent.status", Map.of("status", "error", "agentId", "a1"));
    publish(Topics.AGENT_EVENTS, event);
    publish(Topics.AGENT_EVENTS, event);
    await("the webhook delivery", () -> HookStub.to(tag).size() == 1);
    drain();

    assertEquals(1, HookStub.to(tag).size());
    var received = HookStub.to(tag).get(0);
    assertEquals(
        WebhookSender.signature(secret, received.body()), received.headers().get("x-signature"));
    assertTrue(received.headers().get("x-signature").matches("sha256=[0-9a-f]{64}"));
    assertEquals("agent.status", received.headers().get("x-switchboard-event"));
    JsonNode body = mapper.readTree(received.body());
    assertEquals(event.id().toString(), body.path("id").asText());
    assertEquals("error", body.path("data").path("status").asText());
    await(
        "the execution recorded",
        () -> "succeeded".equals(executionList(user, id).get(0).get("status")));
    executions(user, id)
        .body("executions", hasSize(1))
        .body("executions[0].eventId", equalTo(event.id().toString()))
        .body("executions[0].attempts", equalTo(1))
        .body("executions[0].responseStatus", equalTo(200));
    given()
        .auth()
        .oauth2(TestTokens.user(user))
        .get("/api/hooks/" + id)
        .then()
        .body("executionCount", equalTo(1));
  }

  @Test
  void shouldPublishOneNotificationPerEventForANotifyHook() throws Exception {
    String id = createId(user, hook("agent.status", notify("Agent changed")));
    EventEnvelope event = event("agent.status", Map.of("status", "error", "agentId", "a2"));
    publish(Topics.AGENT_EVENTS, event);
    publish(Topics.AGENT_EVENTS, event);
    await(
        "the notify execution",
        () -> count(id) == 1 && "succeeded".equals(executionList(user, id).get(0).get("status")));
    drain();

    assertEquals(1, count(id));
    String notificationId =
        String.valueOf(
            ((Map<?, ?>) executionList(user, id).get(0).get("result")).get("notificationId"));
    var record =
        new KafkaProbe(kafka).find(Topics.NOTIFICATIONS, r -> r.value().contains(notificationId));
    assertEquals(user.toString(), record.key());
    JsonNode envelope = mapper.readTree(record.value());
    assertEquals("notification", envelope.path("type").asText());
    assertEquals(user.toString(), envelope.path("subject").asText());
    JsonNode data = envelope.path("data");
    assertEquals("hook", data.path("type").asText());
    assertEquals("Agent changed", data.path("title").asText());
    assertEquals(id, data.path("data").path("hookId").asText());
    assertEquals(event.id().toString(), data.path("data").path("eventId").asText());
    try (var c = dataSource.getConnection();
        var ps =
            c.prepareStatement(
                "SELECT count(*) FROM notification_request WHERE user_id = ? AND title = ?")) {
      ps.setObject(1, user);
      ps.setString(2, "Agent changed");
      try (var rs = ps.executeQuery()) {
        rs.next();
        assertEquals(1, rs.getInt(1));
      }
    }
  }

  @Test
  void shouldNotFireWhenAConditionDoesNotHoldTheHookIsDisabledOrTheEventIsOlder() {
    String hook =
        createId(
            user,
            with(
                hook("agent.status", notify("x")),
                "conditions",
                List.of(
                    Map.of("field", "/status", "op", "in", "value", List.of("error", "stopped")))));
    String disabled = createId(user, with(hook("agent.status", notify("y")), "enabled", false));
    publish(Topics.AGENT_EVENTS, event("agent.status", Map.of("status", "running")));
    publish(Topics.AGENT_EVENTS, event("agent.tool_call", Map.of("status", "error")));
    EventEnvelope old = event("agent.status", Map.of("status", "error"));
    publish(
        Topics.AGENT_EVENTS,
        new EventEnvelope(
            old.id(),
            old.type(),
            old.source(),
            old.subject(),
            java.time.Instant.now().minusSeconds(3600),
            null,
            old.data()));
    drain();
    assertEquals(0, count(hook));
    assertEquals(0, count(disabled));
  }

  @Test
  void shouldHonourCooldownAndMaxExecutions() {
    String cooled =
        createId(user, with(hook("pipeline.failed", notify("c")), "cooldownMs", 3_600_000));
    String capped =
        createId(user, with(hook("pipeline.completed", notify("m")), "maxExecutions", 2));
    for (int i = 0; i < 3; i++) {
      publish(Topics.PIPELINE_EVENTS, event("pipeline.failed", Map.of("runId", "r" + i)));
      publish(Topics.PIPELINE_EVENTS, event("pipeline.completed", Map.of("runId", "r" + i)));
    }
    await("the capped hook", () -> count(capped) == 2);
    // The marker on agent.events says nothing about pipeline.events' order; wait for a third.
    String last = createId(user, hook("pipeline.failed", notify("last")));
    publish(Topics.PIPELINE_EVENTS, event("pipeline.failed", Map.of("runId", "last")));
    await("the last hook", () -> count(last) == 1);
    assertEquals(1, count(cooled));
    assertEquals(2, count(capped));
    given()
        .auth()
        .oauth2(TestTokens.user(user))
        .get("/api/hooks/" + capped)
        .then()
        .body("executionCount", equalTo(2));
    await(
        "the notify results",
        () -> "succeeded".equals(executionList(user, cooled).get(0).get("status")));
  }

  @Test
  void shouldRetryAFailingWebhookThenDeadLetterIt() {
    String tag = "/fail/" + UUID.randomUUID();
    String id =
        createId(
            user,
            hook("approval.requested", action("webhook", Map.of("url", HookStub.url() + tag))));
    publish(Topics.APPROVAL_EVENTS, event("approval.requested", Map.of("requestId", "q")));
    await(
        "dead-lettered",
        () -> {
          var list = executionList(user, id);
          return !list.isEmpty() && "dead_lettered".equals(list.get(0).get("status"));
        });
    executions(user, id)
        .body("executions[0].attempts", equalTo(4))
        .body("executions[0].responseStatus", equalTo(500))
        .body("executions[0].error", equalTo("HTTP 500"));
    assertEquals(4, HookStub.to(tag).size());
  }

  @Test
  void shouldFireAScheduleHook() {
    String id =
        createId(
            user,
            with(
                with(hook("schedule", notify("tick")), "cron", "* * * ? * *"), "maxExecutions", 1));
    await(
        "the scheduled run",
        () -> {
          var list = executionList(user, id);
          return !list.isEmpty() && "succeeded".equals(list.get(0).get("status"));
        });
    executions(user, id).body("executions[0].eventType", equalTo("schedule"));
  }

  @Test
  void shouldRunToolsAsTheUserAndWaitForApprovalOnAsk() {
    String allowed =
        createId(
            user,
            hook(
                "agent.tool_call",
                action(
                    "execute_tool",
                    Map.of(
                        "skillId",
                        "math",
                        "tool",
                        "evaluate",
                        "arguments",
                        Map.of("expression", "6*7")))));
    String asked =
        createId(
            user,
            hook(
                "agent.tool_call",
                action(
                    "execute_tool",
                    Map.of(
                        "skillId",
                        "http",
                        "tool",
                        "fetch",
                        "arguments",
                        Map.of("url", "https://example.com/")))));
    publish(Topics.AGENT_EVENTS, event("agent.tool_call", Map.of("tool", "x")));
    await(
        "both tool hooks",
        () -> {
          var a = executionList(user, allowed);
          var b = executionList(user, asked);
          return !a.isEmpty()
              && !b.isEmpty()
              && !"pending".equals(a.get(0).get("status"))
              && !"running".equals(a.get(0).get("status"))
              && !"pending".equals(b.get(0).get("status"))
              && !"running".equals(b.get(0).get("status"));
        });
    executions(user, allowed).body("executions[0].status", equalTo("succeeded"));
    executions(user, asked).body("executions[0].status", equalTo("awaiting_approval"));
    given()
        .auth()
        .oauth2(TestTokens.user(user))
        .get("/api/hooks/" + allowed + "/executions")
        .then()
        .body("executions[0].result.isError", equalTo(false));
  }

  @Test
  void shouldRunAnExecutionLeftPendingByAStoppedReplica() throws Exception {
    String id = createId(user, hook("pipeline.failed", notify("recovered")));
    try (var connection = dataSource.getConnection();
        var insert =
            connection.prepareStatement(
                "INSERT INTO hook_execution (id, hook_id, user_id, event_id, event_type, event,"
                    + " status, created_at) VALUES (?, ?, ?, ?, 'pipeline.failed', '{}'::jsonb,"
                    + " 'pending', now() - interval '10 minutes')")) {
      insert.setObject(1, UUID.randomUUID());
      insert.setObject(2, UUID.fromString(id));
      insert.setObject(3, user);
      insert.setObject(4, UUID.randomUUID());
      insert.executeUpdate();
    }
    await(
        "the recovered execution",
        () -> "succeeded".equals(executionList(user, id).get(0).get("status")));
  }

  @Test
  void shouldDeliverAgainAWebhookLeftRunningByAReplicaThatDiedMidDelivery() throws Exception {
    String tag = "/ok/" + UUID.randomUUID();
    String id =
        createId(
            user, hook("pipeline.failed", action("webhook", Map.of("url", HookStub.url() + tag))));
    UUID execution = UUID.randomUUID();
    try (var connection = dataSource.getConnection();
        var insert =
            connection.prepareStatement(
                "INSERT INTO hook_execution (id, hook_id, user_id, event_id, event_type, event,"
                    + " status, created_at) VALUES (?, ?, ?, ?, 'pipeline.failed', '{}'::jsonb,"
                    + " 'running', now() - interval '10 minutes')")) {
      insert.setObject(1, execution);
      insert.setObject(2, UUID.fromString(id));
      insert.setObject(3, user);
      insert.setObject(4, UUID.randomUUID());
      insert.executeUpdate();
    }
    await(
        "the interrupted delivery run again",
        () -> "succeeded".equals(executionList(user, id).get(0).get("status")));

    assertEquals(1, HookStub.to(tag).size());
    assertEquals(
        execution.toString(), HookStub.to(tag).get(0).headers().get("x-switchboard-delivery"));
  }

  @Test
  void shouldSpawnAnAgentThroughAgentServiceWithAServiceToken() throws Exception {
    String prompt = "summarise " + UUID.randomUUID();
    String id =
        createId(
            user,
            with(
                hook(
                    "pipeline.completed",
                    action("spawn_agent", Map.of("prompt", prompt, "topic", "reports"))),
                "name",
                "reporter"));
    publish(Topics.PIPELINE_EVENTS, event("pipeline.completed", Map.of("runId", "r")));
    await(
        "the spawned agent",
        () -> {
          var list = executionList(user, id);
          return !list.isEmpty() && "succeeded".equals(list.get(0).get("status"));
        });
    var calls =
        HookStub.to("/internal/agents").stream().filter(r -> r.text().contains(prompt)).toList();
    assertEquals(1, calls.size());
    JsonNode body = mapper.readTree(calls.get(0).body());
    assertEquals(user.toString(), body.path("userId").asText());
    assertEquals("reporter", body.path("name").asText());
    assertEquals("reports", body.path("topic").asText());
    assertTrue(body.path("model").isMissingNode());
    executions(user, id).body("executions[0].result.status", equalTo("idle"));
  }
}
