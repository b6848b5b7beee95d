package io.switchboard.agent;

import static io.switchboard.agent.support.Api.as;
import static io.switchboard.agent.support.Api.messages;
import static io.switchboard.agent.support.Api.spawnId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.ValidatableResponse;
import io.switchboard.agent.approval.service.ApprovalExpiry;
import io.switchboard.agent.support.Eventually;
import io.switchboard.agent.support.Stubs;
import io.switchboard.agent.support.StubsResource;
import io.switchboard.testing.KafkaProbe;
import io.switchboard.testing.SwitchboardTestResource;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(SwitchboardTestResource.class)
@WithTestResource(StubsResource.class)
class ChatTest {

  static Stubs stubs;

  @Inject DataSource dataSource;
  @Inject ApprovalExpiry expiry;

  @BeforeAll
  static void start() {
    RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    stubs = Stubs.get();
  }

  private static ValidatableResponse chat(UUID user, Map<String, Object> body) {
    return as(user).body(body).post("/api/chat").then();
  }

  private static ValidatableResponse approve(UUID user, Map<String, Object> body) {
    return as(user).body(body).post("/api/chat/approve").then();
  }

  private String askForApproval(UUID user) {
    stubs.permit(user, "mail", "ask");
    stubs.callTool(user, "mail", "{\"to\":\"bob\"}").say(user, "Sent it");
    return chat(user, Map.of("message", "mail bob"))
        .statusCode(202)
        .extract()
        .path("approval.requestId");
  }

  @Test
  void shouldAnswerInANewSession() {
    UUID user = UUID.randomUUID();
    stubs.say(user, "Paris");
    String session =
        chat(user, Map.of("message", "Capital of France?", "topic", "geo"))
            .statusCode(200)
            .body("sessionId", notNullValue())
            .body("messageId", notNullValue())
            .body("response", equalTo("Paris"))
            .body("model", equalTo("stub-model"))
            .body("topic", equalTo("geo"))
            .extract()
            .path("sessionId");
    as(user)
        .get("/api/sessions/" + session)
        .then()
        .statusCode(200)
        .body("title", equalTo("Capital of France?"))
        .body("messageCount", equalTo(2));
  }

  @Test
  void shouldContinueASessionWithItsHistory() {
    UUID user = UUID.randomUUID();
    String session =
        chat(user, Map.of("message", "first", "model", "m1"))
            .statusCode(200)
            .body("model", equalTo("m1"))
            .extract()
            .path("sessionId");
    chat(user, Map.of("message", "second", "sessionId", session))
        .statusCode(200)
        .body("sessionId", equalTo(session))
        .body("response", equalTo("echo: second"));
    JsonNode sent = stubs.completionsOf(user).get(1).path("messages");
    assertThat(sent).hasSize(3);
    assertThat(sent.get(0).path("content").asText()).isEqualTo("first");
  }

  @Test
  void shouldRunAnAllowedToolInline() {
    UUID user = UUID.randomUUID();
    stubs.callTool(user, "echo", "{\"x\":1}").say(user, "tool done");
    chat(user, Map.of("message", "use echo"))
        .statusCode(200)
        .body("response", equalTo("tool done"));
    assertThat(stubs.executionsOf(user)).hasSize(1);
  }

  @Test
  void shouldAnswer202WithTheApprovalAndFinishAfterApproval() {
    UUID user = UUID.randomUUID();
    stubs.permit(user, "mail", "ask");
    stubs.callTool(user, "mail", "{\"to\":\"bob\"}").say(user, "Sent it");
    ValidatableResponse waiting =
        chat(user, Map.of("message", "mail bob"))
            .statusCode(202)
            .body("status", equalTo("awaiting_approval"))
            .body("approval.tool", equalTo("mail"))
            .body("approval.skillId", equalTo("builtin.mail"))
            .body("approval.arguments.to", equalTo("bob"))
            .body("approval.summary", notNullValue())
            .body("approval.expiresAt", notNullValue());
    String session = waiting.extract().path("sessionId");
    String requestId = waiting.extract().path("approval.requestId");
    chat(user, Map.of("message", "meanwhile", "sessionId", session))
        .statusCode(409)
        .body("code", equalTo("session_busy"));
    as(user)
        .get("/api/chat/approvals/pending")
        .then()
        .body("approvals.requestId", equalTo(java.util.List.of(requestId)))
        .body("approvals[0].sessionId", equalTo(session));
    approve(user, Map.of("requestId", requestId, "approved", true))
        .statusCode(200)
        .body("resolved", equalTo(true));
    Eventually.until(
        "the exchange finished",
        () -> "Sent it".equals(messages(user, session, "").extract().path("messages[-1].content")));
    assertThat(stubs.executionsOf(user).get(0).path("approvedByCaller").asBoolean())
        .as("ran on the user's approval, not asked again")
        .isTrue();
    chat(user, Map.of("message", "thanks", "sessionId", session)).statusCode(200);
  }

  @Test
  void shouldPublishApprovalRequestsToKafka() {
    UUID user = UUID.randomUUID();
    String requestId = askForApproval(user);
    KafkaProbe probe =
        new KafkaProbe(
            ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
    var record = probe.find("approval.events", r -> r.value().contains(requestId));
    assertThat(record.key()).isEqualTo(user.toString());
    JsonNode envelope = Stubs.read(record.value());
    assertThat(envelope.path("type").asText()).isEqualTo("approval.requested");
    assertThat(envelope.path("subject").asText()).isEqualTo(user.toString());
    assertThat(envelope.path("data").path("tool").asText()).isEqualTo("mail");
  }

  @Test
  void shouldHideAnotherUsersApproval() {
    UUID owner = UUID.randomUUID();
    String requestId = askForApproval(owner);
    approve(UUID.randomUUID(), Map.of("requestId", requestId, "approved", true))
        .statusCode(404)
        .body("code", equalTo("not_found"));
    as(UUID.randomUUID()).get("/api/chat/approvals/pending").then().body("approvals", hasSize(0));
  }

  @Test
  void shouldDenyAnExpiredApprovalAndTellTheModel() throws Exception {
    UUID user = UUID.randomUUID();
    String requestId = askForApproval(user);
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "UPDATE approval SET expires_at = now() - interval '1 minute' WHERE id = ?")) {
      ps.setObject(1, UUID.fromString(requestId));
      ps.executeUpdate();
    }
    approve(user, Map.of("requestId", requestId, "approved", true)).statusCode(404);
    assertThat(expiry.expire()).isGreaterThanOrEqualTo(1);
    Eventually.until("the model was told", () -> stubs.completionsOf(user).size() == 2);
    JsonNode sent = stubs.completionsOf(user).get(1).path("messages");
    assertThat(sent.get(sent.size() - 1).path("content").asText()).contains("in time");
    assertThat(stubs.executionsOf(user)).isEmpty();
    approve(user, Map.of("requestId", requestId, "approved", true)).statusCode(404);
  }

  @Test
  void shouldListEveryPendingApprovalOfTheUserOldestFirst() {
    UUID user = UUID.randomUUID();
    UUID skillOwned = UUID.randomUUID();
    UUID gate = UUID.randomUUID();
    UUID run = UUID.randomUUID();
    String future = java.time.Instant.now().plusSeconds(600).toString();
    stubs.skillPending.put(
        user,
        java.util.List.of(
            Stubs.read(
                "{\"requestId\":\""
                    + skillOwned
                    + "\",\"skillId\":\"http\",\"tool\":\"get\",\"arguments\":{\"url\":\"x\"},"
                    + "\"summary\":\"Run http.get\",\"status\":\"pending\","
                    + "\"requestedBy\":\"pipeline-service\","
                    + "\"createdAt\":\"2020-01-01T00:00:01Z\",\"expiresAt\":\""
                    + future
                    + "\"}")));
    stubs.pipelinePending.put(
        user,
        java.util.List.of(
            Stubs.read(
                "{\"requestId\":\""
                    + gate
                    + "\",\"source\":\"pipeline\",\"runId\":\""
                    + run
                    + "\",\"stage\":\"gate\",\"question\":\"Ship it?\","
                    + "\"createdAt\":\"2020-01-01T00:00:00Z\",\"expiresAt\":\""
                    + future
                    + "\"}")));
    String own = askForApproval(user);
    as(user)
        .get("/api/chat/approvals/pending")
        .then()
        .statusCode(200)
        .body("partial", equalTo(false))
        .body("unavailable", hasSize(0))
        .body(
            "approvals.requestId",
            equalTo(java.util.List.of(gate.toString(), skillOwned.toString(), own)))
        .body("approvals.source", equalTo(java.util.List.of("pipeline", "skill", "agent")))
        .body("approvals[0].runId", equalTo(run.toString()))
        .body("approvals[0].question", equalTo("Ship it?"))
        .body("approvals[0].summary", equalTo("Ship it?"))
        .body("approvals[1].tool", equalTo("get"))
        .body("approvals[1].arguments.url", equalTo("x"))
        .body("approvals[2].tool", equalTo("mail"));
  }

  @Test
  void shouldListWhatItCanAndNameThePeerThatIsDown() {
    UUID user = UUID.randomUUID();
    stubs.pendingDown.add("pipeline:" + user);
    String own = askForApproval(user);
    as(user)
        .get("/api/chat/approvals/pending")
        .then()
        .statusCode(200)
        .body("partial", equalTo(true))
        .body("unavailable", equalTo(java.util.List.of("pipeline-service")))
        .body("approvals.requestId", equalTo(java.util.List.of(own)));
    stubs.pendingDown.add("skill:" + user);
    as(user)
        .get("/api/chat/approvals/pending")
        .then()
        .body("unavailable", equalTo(java.util.List.of("skill-service", "pipeline-service")));
    stubs.pendingDown.clear();
    as(user).get("/api/chat/approvals/pending").then().body("partial", equalTo(false));
  }

  @Test
  void shouldForwardUnknownApprovalsToSkillService() {
    UUID user = UUID.randomUUID();
    UUID skillOwned = UUID.randomUUID();
    stubs.skillApprovals.put(skillOwned, "pending");
    approve(user, Map.of("requestId", skillOwned.toString(), "approved", true))
        .statusCode(200)
        .body("requestId", equalTo(skillOwned.toString()));
    approve(user, Map.of("requestId", skillOwned.toString(), "approved", true))
        .statusCode(409)
        .body("code", equalTo("already_resolved"));
    approve(user, Map.of("requestId", UUID.randomUUID().toString(), "approved", false))
        .statusCode(404)
        .body("code", equalTo("not_found"));
  }

  @Test
  void shouldRefuseChatOnAnAgentsSessionAndOnAnotherUsersSession() {
    UUID user = UUID.randomUUID();
    String agentSession =
        as(user).get("/api/agents/" + spawnId(user, Map.of())).then().extract().path("sessionId");
    chat(user, Map.of("message", "hi", "sessionId", agentSession))
        .statusCode(409)
        .body("code", equalTo("agent_session"));
    String mine = chat(user, Map.of("message", "hi")).statusCode(200).extract().path("sessionId");
    chat(UUID.randomUUID(), Map.of("message", "hi", "sessionId", mine))
        .statusCode(404)
        .body("code", equalTo("not_found"));
  }

  @Test
  void shouldAnswer503WhenTheModelIsDownAndRecover() {
    UUID user = UUID.randomUUID();
    stubs.fail(user, 503).fail(user, 500);
    String session =
        chat(user, Map.of("message", "hello"))
            .statusCode(503)
            .body("code", equalTo("model_unavailable"))
            .extract()
            .path("sessionId");
    chat(user, Map.of("message", "hello again"))
        .statusCode(502)
        .body("code", equalTo("model_unavailable"));
    chat(user, Map.of("message", "third time")).statusCode(200);
    assertThat(session).isNull();
  }

  @Test
  void shouldRejectBadChatAndApprovalInput() {
    UUID user = UUID.randomUUID();
    chat(user, Map.of())
        .statusCode(400)
        .body("code", equalTo("validation_failed"))
        .body("errors.field", hasItem(org.hamcrest.Matchers.containsString("message")));
    chat(user, Map.of("message", "")).statusCode(400).body("code", equalTo("validation_failed"));
    chat(user, Map.of("message", "x", "topic", "bad topic"))
        .statusCode(400)
        .body("code", equalTo("validation_failed"));
    approve(user, Map.of("requestId", UUID.randomUUID().toString()))
        .statusCode(400)
        .body("code", equalTo("validation_failed"))
        .body("errors.field", hasItem(org.hamcrest.Matchers.containsString("approved")));
    approve(user, Map.of("approved", true))
        .statusCode(400)
        .body("code", equalTo("validation_failed"));
    approve(user, Map.of("requestId", "nope", "approved", true)).statusCode(400);
  }

  @Test
  void shouldRefuseNulInRequestsAndDropItFromModelAnswers() {
    UUID user = UUID.randomUUID();
    chat(user, Map.of("message", "a\u0000b"))
        .statusCode(400)
        .body("code", equalTo("validation_failed"));
    approve(
            user,
            Map.of(
                "requestId", UUID.randomUUID().toString(), "approved", false, "response", "\u0000"))
        .statusCode(400);
    stubs.say(user, "clean\u0000ed");
    chat(user, Map.of("message", "hello")).statusCode(200).body("response", equalTo("cleaned"));
  }

  @Test
  void shouldReplayAChatWithTheSameIdempotencyKey() {
    UUID user = UUID.randomUUID();
    stubs.say(user, "only once");
    String key = UUID.randomUUID().toString();
    String first =
        as(user)
            .header("Idempotency-Key", key)
            .body(Map.of("message", "q"))
            .post("/api/chat")
            .then()
            .statusCode(200)
            .extract()
            .path("messageId");
    as(user)
        .header("Idempotency-Key", key)
        .body(Map.of("message", "q"))
        .post("/api/chat")
        .then()
        .statusCode(200)
        .header("Idempotent-Replayed", "true")
        .body("messageId", equalTo(first));
    assertThat(stubs.completionsOf(user)).hasSize(1);
  }
}
