package io.switchboard.agent;

import static io.switchboard.agent.support.Api.agent;
import static io.switchboard.agent.support.Api.as;
import static io.switchboard.agent.support.Api.awaitStatus;
import static io.switchboard.agent.support.Api.events;
import static io.switchboard.agent.support.Api.message;
import static io.switchboard.agent.support.Api.messages;
import static io.switchboard.agent.support.Api.spawnId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.switchboard.agent.support.Eventually;
import io.switchboard.agent.support.Stubs;
import io.switchboard.agent.support.StubsResource;
import io.switchboard.testing.KafkaProbe;
import io.switchboard.testing.SwitchboardTestResource;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(SwitchboardTestResource.class)
@WithTestResource(StubsResource.class)
class AgentEdgeCasesTest {

  static Stubs stubs;

  @BeforeAll
  static void start() {
    RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    stubs = Stubs.get();
  }

  private static String pendingRequest(UUID user) {
    return as(user)
        .get("/api/chat/approvals/pending")
        .then()
        .statusCode(200)
        .extract()
        .path("approvals[0].requestId");
  }

  private static List<String> toolStatuses(UUID user, String id) {
    return events(user, id, "?limit=200")
        .extract()
        .jsonPath()
        .<Map<String, Object>>getList("events")
        .stream()
        .filter(e -> "agent.tool_call".equals(e.get("type")))
        .map(e -> (String) ((Map<?, ?>) e.get("data")).get("status"))
        .toList();
  }

  @Test
  void shouldStayPausedWhenAnApprovalArrivesAndContinueOnResume() {
    UUID user = UUID.randomUUID();
    stubs.permit(user, "mail", "ask");
    stubs.callTool(user, "mail", "{}").say(user, "sent after resume");
    String id = spawnId(user, Map.of());
    message(user, id, "mail").statusCode(202);
    awaitStatus(user, id, "awaiting_approval");
    as(user)
        .post("/api/agents/" + id + "/pause")
        .then()
        .statusCode(200)
        .body("status", equalTo("paused"));
    as(user)
        .body(Map.of("requestId", pendingRequest(user), "approved", true))
        .post("/api/chat/approve")
        .then()
        .statusCode(200);
    assertThat(io.switchboard.agent.support.Api.status(user, id)).isEqualTo("paused");
    assertThat(stubs.executionsOf(user)).isEmpty();
    as(user)
        .post("/api/agents/" + id + "/resume")
        .then()
        .statusCode(200)
        .body("status", equalTo("running"));
    awaitStatus(user, id, "idle");
    assertThat(stubs.executionsOf(user)).hasSize(1);
  }

  @Test
  void shouldResumeIntoAwaitingApprovalWhileTheApprovalIsOpen() {
    UUID user = UUID.randomUUID();
    stubs.permit(user, "mail", "ask");
    stubs.callTool(user, "mail", "{}");
    String id = spawnId(user, Map.of());
    message(user, id, "mail").statusCode(202);
    awaitStatus(user, id, "awaiting_approval");
    as(user).post("/api/agents/" + id + "/pause").then().statusCode(200);
    as(user)
        .post("/api/agents/" + id + "/resume")
        .then()
        .statusCode(200)
        .body("status", equalTo("awaiting_approval"));
  }

  @Test
  void shouldCancelTheApprovalsOfADeletedAgent() {
    UUID user = UUID.randomUUID();
    stubs.permit(user, "mail", "ask");
    stubs.callTool(user, "mail", "{}");
    String id = spawnId(user, Map.of());
    message(user, id, "mail").statusCode(202);
    awaitStatus(user, id, "awaiting_approval");
    String requestId = pendingRequest(user);
    as(user).delete("/api/agents/" + id).then().statusCode(204);
    as(user).get("/api/chat/approvals/pending").then().body("approvals", hasSize(0));
    as(user)
        .body(Map.of("requestId", requestId, "approved", true))
        .post("/api/chat/approve")
        .then()
        .statusCode(404);
    assertThat(stubs.executionsOf(user)).isEmpty();
  }

  @Test
  void shouldReportAFailingToolToTheModel() {
    UUID user = UUID.randomUUID();
    stubs.callTool(user, "echo", "{\"mode\":\"fail\"}").say(user, "the tool broke");
    String id = spawnId(user, Map.of());
    message(user, id, "try").statusCode(202);
    awaitStatus(user, id, "idle");
    assertThat(toolStatuses(user, id)).containsExactly("requested", "failed");
    JsonNode sent = stubs.completionsOf(user).get(1).path("messages");
    assertThat(sent.get(sent.size() - 1).path("content").asText()).startsWith("Error: boom");
    events(user, id, "?limit=200")
        .body("events.find { it.data.status == 'failed' }.data.error", equalTo("boom"));
  }

  @Test
  void shouldFailTheWorkWhenPermissionsCannotBeChecked() {
    UUID user = UUID.randomUUID();
    stubs.permit(user, "shell", "broken");
    stubs.callTool(user, "shell", "{}");
    String id = spawnId(user, Map.of());
    message(user, id, "run").statusCode(202);
    awaitStatus(user, id, "error");
    agent(user, id)
        .body("lastError", org.hamcrest.Matchers.startsWith("skill_service_unavailable"));
    assertThat(stubs.executionsOf(user)).isEmpty();
  }

  @Test
  void shouldTreatAnUnknownPermissionLevelAsDeny() {
    UUID user = UUID.randomUUID();
    stubs.permit(user, "shell", "maybe");
    stubs.callTool(user, "shell", "{}").say(user, "refused");
    String id = spawnId(user, Map.of());
    message(user, id, "run").statusCode(202);
    awaitStatus(user, id, "idle");
    assertThat(toolStatuses(user, id)).containsExactly("requested", "denied");
    assertThat(stubs.executionsOf(user)).isEmpty();
  }

  @Test
  void shouldAnswerRapidMessagesInOrder() {
    UUID user = UUID.randomUUID();
    String id = spawnId(user, Map.of());
    for (int i = 1; i <= 5; i++) {
      message(user, id, "m" + i).statusCode(202);
    }
    Eventually.until("five answers", () -> stubs.completionsOf(user).size() == 5);
    awaitStatus(user, id, "idle");
    String session = agent(user, id).extract().path("sessionId");
    messages(user, session, "")
        .body(
            "messages.content",
            equalTo(
                List.of(
                    "m1",
                    "echo: m1",
                    "m2",
                    "echo: m2",
                    "m3",
                    "echo: m3",
                    "m4",
                    "echo: m4",
                    "m5",
                    "echo: m5")));
  }

  @Test
  void shouldPublishMessagesToKafkaWithTheSameSeqAsTheEventsApi() {
    UUID user = UUID.randomUUID();
    stubs.say(user, "kafka answer");
    String id = spawnId(user, Map.of());
    message(user, id, "hello kafka").statusCode(202);
    awaitStatus(user, id, "idle");
    int seq =
        events(user, id, "")
            .extract()
            .jsonPath()
            .getInt(
                "events.find { it.type == 'agent.message' && it.data.role == 'assistant' }.seq");
    KafkaProbe probe =
        new KafkaProbe(
            ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
    var record =
        probe.find("agent.events", r -> id.equals(r.key()) && r.value().contains("kafka answer"));
    JsonNode envelope = Stubs.read(record.value());
    assertThat(envelope.path("type").asText()).isEqualTo("agent.message");
    assertThat(envelope.path("seq").asInt()).isEqualTo(seq);
    assertThat(envelope.path("data").path("role").asText()).isEqualTo("assistant");
    assertThat(envelope.path("data").path("usage").path("outputTokens").asInt()).isEqualTo(5);
  }
}
