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
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import io.switchboard.agent.support.Eventually;
import io.switchboard.agent.support.Gate;
import io.switchboard.agent.support.Stubs;
import io.switchboard.agent.support.StubsResource;
import io.switchboard.testing.SwitchboardTestResource;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(SwitchboardTestResource.class)
@WithTestResource(StubsResource.class)
class AgentLoopTest {

  static Stubs stubs;

  @BeforeAll
  static void start() {
    RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    stubs = Stubs.get();
  }

  private static List<Map<String, Object>> allEvents(UUID user, String id) {
    return events(user, id, "?limit=200").statusCode(200).extract().jsonPath().getList("events");
  }

  private static List<String> toolStatuses(UUID user, String id) {
    return allEvents(user, id).stream()
        .filter(e -> "agent.tool_call".equals(e.get("type")))
        .map(e -> (String) ((Map<?, ?>) e.get("data")).get("status"))
        .toList();
  }

  private static String session(UUID user, String id) {
    return agent(user, id).extract().path("sessionId");
  }

  @Test
  void shouldAnswerAMessageAndCountTokensAndIterations() {
    UUID user = UUID.randomUUID();
    stubs.say(user, "Hello back");
    String id = spawnId(user, Map.of("topic", "chitchat", "systemPrompt", "Be kind."));
    message(user, id, "Hello")
        .statusCode(202)
        .body("status", equalTo("processing"))
        .body("messageId", notNullValue());
    awaitStatus(user, id, "idle");
    agent(user, id).body("iteration", equalTo(1)).body("totalTokens", equalTo(15));
    JsonNode request = stubs.completionsOf(user).get(0);
    assertThat(request.path("topic").asText()).isEqualTo("chitchat");
    assertThat(request.path("messages").get(0).path("role").asText()).isEqualTo("system");
    assertThat(request.path("messages").get(1).path("content").asText()).isEqualTo("Hello");
    assertThat(request.path("tools")).hasSize(3);
    messages(user, session(user, id), "")
        .statusCode(200)
        .body("messages.role", equalTo(List.of("user", "assistant")))
        .body("messages[1].content", equalTo("Hello back"))
        .body("messages[1].model", equalTo("stub-model"));
    List<String> types = allEvents(user, id).stream().map(e -> (String) e.get("type")).toList();
    assertThat(types)
        .containsExactly(
            "agent.status", "agent.status", "agent.message", "agent.message", "agent.status");
    Map<?, ?> reply = (Map<?, ?>) allEvents(user, id).get(3).get("data");
    assertThat(reply.get("role")).isEqualTo("assistant");
    assertThat(reply.get("usage")).isEqualTo(Map.of("inputTokens", 10, "outputTokens", 5));
  }

  @Test
  void shouldStartRunningWhenSpawnedWithAMessage() {
    UUID user = UUID.randomUUID();
    stubs.say(user, "on it");
    String id =
        as(user)
            .body(Map.of("message", "go"))
            .post("/api/agents")
            .then()
            .statusCode(201)
            .body("status", equalTo("running"))
            .extract()
            .path("id");
    awaitStatus(user, id, "idle");
    messages(user, session(user, id), "").body("messages.content", equalTo(List.of("go", "on it")));
  }

  @Test
  void shouldExecuteAnAllowedToolAndFeedTheResultBack() {
    UUID user = UUID.randomUUID();
    stubs.callTool(user, "echo", "{\"text\":\"ping\"}").say(user, "The tool said ping");
    String id = spawnId(user, Map.of());
    message(user, id, "use the tool").statusCode(202);
    awaitStatus(user, id, "idle");
    assertThat(stubs.executionsOf(user)).hasSize(1);
    JsonNode exec = stubs.executionsOf(user).get(0);
    assertThat(exec.path("skillId").asText()).isEqualTo("builtin.echo");
    assertThat(exec.path("tool").asText()).isEqualTo("echo");
    assertThat(exec.path("arguments").path("text").asText()).isEqualTo("ping");
    JsonNode second = stubs.completionsOf(user).get(1).path("messages");
    JsonNode toolMessage = second.get(second.size() - 1);
    assertThat(toolMessage.path("role").asText()).isEqualTo("tool");
    assertThat(toolMessage.path("content").asText()).contains("ping");
    String callId = second.get(second.size() - 2).path("toolCalls").get(0).path("id").asText();
    assertThat(toolMessage.path("toolCallId").asText()).isEqualTo(callId);
    assertThat(toolStatuses(user, id)).containsExactly("requested", "completed");
    agent(user, id).body("iteration", equalTo(2)).body("totalTokens", equalTo(30));
    messages(user, session(user, id), "")
        .body("messages.role", equalTo(List.of("user", "assistant", "tool", "assistant")))
        .body("messages[1].toolCalls[0].name", equalTo("echo"));
  }

  @Test
  void shouldTellTheModelWhenThePermissionIsDeny() {
    UUID user = UUID.randomUUID();
    stubs.permit(user, "shell", "deny");
    stubs.callTool(user, "shell", "{\"cmd\":\"rm -rf /\"}").say(user, "I may not do that");
    String id = spawnId(user, Map.of());
    message(user, id, "wipe it").statusCode(202);
    awaitStatus(user, id, "idle");
    assertThat(stubs.executionsOf(user)).isEmpty();
    JsonNode second = stubs.completionsOf(user).get(1).path("messages");
    assertThat(second.get(second.size() - 1).path("content").asText())
        .startsWith("Permission denied");
    assertThat(toolStatuses(user, id)).containsExactly("requested", "denied");
  }

  @Test
  void shouldWaitForApprovalThenContinueWhenApproved() {
    UUID user = UUID.randomUUID();
    stubs.permit(user, "mail", "ask");
    stubs.callTool(user, "mail", "{\"to\":\"bob\"}").say(user, "Mail sent");
    String id = spawnId(user, Map.of());
    message(user, id, "mail bob").statusCode(202);
    awaitStatus(user, id, "awaiting_approval");
    JsonPath pending =
        as(user)
            .get("/api/chat/approvals/pending")
            .then()
            .statusCode(200)
            .body("approvals", hasSize(1))
            .body("approvals[0].tool", equalTo("mail"))
            .body("approvals[0].skillId", equalTo("builtin.mail"))
            .body("approvals[0].arguments.to", equalTo("bob"))
            .body("approvals[0].agentId", equalTo(id))
            .body("approvals[0].summary", notNullValue())
            .body("approvals[0].expiresAt", notNullValue())
            .extract()
            .jsonPath();
    String requestId = pending.getString("approvals[0].requestId");
    assertThat(toolStatuses(user, id)).containsExactly("requested", "awaiting_approval");
    message(user, id, "and then this").statusCode(202).body("status", equalTo("queued"));
    as(user)
        .body(Map.of("requestId", requestId, "approved", true))
        .post("/api/chat/approve")
        .then()
        .statusCode(200)
        .body("resolved", equalTo(true))
        .body("requestId", equalTo(requestId));
    Eventually.until(
        "both messages answered",
        () ->
            stubs.completionsOf(user).size() == 3
                && "idle".equals(io.switchboard.agent.support.Api.status(user, id)));
    assertThat(stubs.executionsOf(user)).hasSize(1);
    assertThat(stubs.executionsOf(user).get(0).path("approvedByCaller").asBoolean())
        .as("ran on the user's approval, not asked again")
        .isTrue();
    assertThat(toolStatuses(user, id))
        .containsExactly("requested", "awaiting_approval", "approved", "completed");
    as(user).get("/api/chat/approvals/pending").then().body("approvals", hasSize(0));
    as(user)
        .body(Map.of("requestId", requestId, "approved", true))
        .post("/api/chat/approve")
        .then()
        .statusCode(409)
        .body("code", equalTo("already_resolved"));
    messages(user, session(user, id), "")
        .body(
            "messages.content",
            equalTo(
                List.of(
                    "mail bob",
                    "",
                    stubs.executionsOf(user).isEmpty() ? "" : "{\"echoed\":{\"to\":\"bob\"}}",
                    "Mail sent",
                    "and then this",
                    "echo: and then this")));
  }

  @Test
  void shouldTellTheModelWhenTheUserDenies() {
    UUID user = UUID.randomUUID();
    stubs.permit(user, "mail", "ask");
    stubs.callTool(user, "mail", "{\"to\":\"eve\"}").say(user, "Understood, not sending");
    String id = spawnId(user, Map.of());
    message(user, id, "mail eve").statusCode(202);
    awaitStatus(user, id, "awaiting_approval");
    String requestId =
        as(user).get("/api/chat/approvals/pending").then().extract().path("approvals[0].requestId");
    as(user)
        .body(Map.of("requestId", requestId, "approved", false, "response", "not eve"))
        .post("/api/chat/approve")
        .then()
        .statusCode(200);
    awaitStatus(user, id, "idle");
    assertThat(stubs.executionsOf(user)).isEmpty();
    JsonNode second = stubs.completionsOf(user).get(1).path("messages");
    String told = second.get(second.size() - 1).path("content").asText();
    assertThat(told).contains("denied").contains("not eve");
    assertThat(toolStatuses(user, id)).containsExactly("requested", "awaiting_approval", "denied");
  }

  @Test
  void shouldStoreARememberedAnswerAsAPermissionOverride() {
    UUID user = UUID.randomUUID();
    stubs.permit(user, "mail", "ask");
    stubs.callTool(user, "mail", "{}").say(user, "done");
    String id = spawnId(user, Map.of());
    message(user, id, "mail").statusCode(202);
    awaitStatus(user, id, "awaiting_approval");
    String requestId =
        as(user).get("/api/chat/approvals/pending").then().extract().path("approvals[0].requestId");
    as(user)
        .body(Map.of("requestId", requestId, "approved", true, "remember", true))
        .post("/api/chat/approve")
        .then()
        .statusCode(200);
    awaitStatus(user, id, "idle");
    List<JsonNode> overrides = stubs.overrides.get(user);
    assertThat(overrides).hasSize(1);
    assertThat(overrides.get(0).path("skillId").asText()).isEqualTo("builtin.mail");
    assertThat(overrides.get(0).path("action").asText()).isEqualTo("mail");
    assertThat(overrides.get(0).path("level").asText()).isEqualTo("allow");
  }

  @Test
  void shouldReportAnUnknownToolToTheModel() {
    UUID user = UUID.randomUUID();
    stubs.callTool(user, "teleport", "{}").say(user, "no such tool then");
    String id = spawnId(user, Map.of());
    message(user, id, "teleport me").statusCode(202);
    awaitStatus(user, id, "idle");
    assertThat(toolStatuses(user, id)).containsExactly("failed");
    assertThat(stubs.executionsOf(user)).isEmpty();
  }

  @Test
  void shouldSaySkillServiceIsUnavailableWhileThePermissionCircuitIsOpen()
      throws InterruptedException {
    UUID user = UUID.randomUUID();
    stubs.permit(user, "shell", "broken"); // skill-service answers the permission check with 500
    String id = spawnId(user, Map.of());
    for (int i = 0; i < 10; i++) {
      stubs.callTool(user, "shell", "{}");
      message(user, id, "attempt " + i).statusCode(202);
      awaitStatus(user, id, "error");
    }
    agent(user, id).body("lastError", startsWith("skill_service_unavailable"));
    stubs.replies.get(user).clear();

    stubs.callTool(user, "shell", "{}");
    message(user, id, "while the circuit is open").statusCode(202);
    awaitStatus(user, id, "error");
    agent(user, id)
        .body(
            "lastError",
            equalTo(
                "skill_service_unavailable: skill-service failed repeatedly; calls to it are"
                    + " paused for a few seconds"));

    // once the breaker's delay is over (3 s in tests), a working check closes it again
    stubs.replies.get(user).clear();
    stubs.permit(user, "shell", "allow");
    stubs.callTool(user, "shell", "{}").say(user, "ran it");
    Thread.sleep(3_500);
    message(user, id, "after the delay").statusCode(202);
    awaitStatus(user, id, "idle");
    assertThat(stubs.executionsOf(user)).hasSize(1);
  }

  @Test
  void shouldTellTheModelTheToolFailedWhileTheExecutionCircuitIsOpen() throws InterruptedException {
    UUID user = UUID.randomUUID();
    String id = spawnId(user, Map.of());
    String broken = "{\"mode\":\"http500\"}"; // skill-service answers the execution with 500
    for (int i = 0; i < 10; i++) {
      stubs.callTool(user, "echo", broken).say(user, "it broke");
      message(user, id, "attempt " + i).statusCode(202);
      awaitStatus(user, id, "idle");
    }
    int executions = stubs.executionsOf(user).size();

    stubs.callTool(user, "echo", broken).say(user, "still broken");
    message(user, id, "while the circuit is open").statusCode(202);
    awaitStatus(user, id, "idle");
    // skill-service is not called; the model hears why the tool failed, and the agent goes on
    assertThat(stubs.executionsOf(user)).hasSize(executions);
    List<JsonNode> completions = stubs.completionsOf(user);
    JsonNode messages = completions.get(completions.size() - 1).path("messages");
    assertThat(messages.get(messages.size() - 1).path("content").asText())
        .isEqualTo(
            "Error: the tool could not be run (skill-service failed repeatedly; calls to it are"
                + " paused for a few seconds).");

    // once the breaker's delay is over (3 s in tests), a working execution closes it again
    stubs.callTool(user, "echo", "{}").say(user, "works again");
    Thread.sleep(3_500);
    message(user, id, "after the delay").statusCode(202);
    awaitStatus(user, id, "idle");
    assertThat(stubs.executionsOf(user)).hasSize(executions + 1);
  }

  @Test
  void shouldOfferOnlyTheAgentsSkills() {
    UUID user = UUID.randomUUID();
    stubs.callTool(user, "shell", "{}").say(user, "ok");
    String id = spawnId(user, Map.of("skills", List.of("builtin.echo")));
    message(user, id, "run shell").statusCode(202);
    awaitStatus(user, id, "idle");
    JsonNode tools = stubs.completionsOf(user).get(0).path("tools");
    assertThat(tools).hasSize(1);
    assertThat(tools.get(0).path("name").asText()).isEqualTo("echo");
    assertThat(stubs.executionsOf(user)).isEmpty();
  }

  @Test
  void shouldStopAtTheIterationLimit() {
    UUID user = UUID.randomUUID();
    for (int i = 0; i < 12; i++) {
      stubs.callTool(user, "echo", "{\"n\":" + i + "}");
    }
    String id = spawnId(user, Map.of());
    message(user, id, "loop forever").statusCode(202);
    awaitStatus(user, id, "error");
    agent(user, id)
        .body("iteration", equalTo(10))
        .body("lastError", org.hamcrest.Matchers.startsWith("max_iterations_reached"));
    assertThat(stubs.completionsOf(user)).hasSize(10);
    stubs.replies.get(user).clear();
  }

  @Test
  void shouldShowAnErrorWhenTheModelIsDownAndRecoverOnTheNextMessage() {
    UUID user = UUID.randomUUID();
    stubs.fail(user, 503).say(user, "back again");
    String id = spawnId(user, Map.of());
    message(user, id, "first").statusCode(202);
    awaitStatus(user, id, "error");
    agent(user, id).body("lastError", org.hamcrest.Matchers.startsWith("model_unavailable"));
    message(user, id, "second").statusCode(202);
    awaitStatus(user, id, "idle");
    agent(user, id).body("lastError", org.hamcrest.Matchers.nullValue());
  }

  @Test
  void shouldSayTheModelIsUnavailableWhileItsCircuitIsOpenAndRecoverOnceItCloses()
      throws InterruptedException {
    UUID user = UUID.randomUUID();
    String id = spawnId(user, Map.of());
    // Ten failed completions in a row: at least 8 of the last 10 calls failed, the circuit opens.
    for (int i = 0; i < 10; i++) {
      stubs.fail(user, 500);
    }
    for (int i = 0; i < 10; i++) {
      message(user, id, "attempt " + i).statusCode(202);
      awaitStatus(user, id, "error");
    }
    stubs.replies.get(user).clear();
    stubs.say(user, "back again");
    int calls = stubs.completionsOf(user).size();

    message(user, id, "while the circuit is open").statusCode(202);
    awaitStatus(user, id, "error");
    // model-service is not called, and the agent says why: an outage, not an internal error
    assertThat(stubs.completionsOf(user)).hasSize(calls);
    agent(user, id)
        .body(
            "lastError",
            equalTo(
                "model_unavailable: model-service failed repeatedly; calls to it are paused for a"
                    + " few seconds"));
    List<String> reasons =
        allEvents(user, id).stream()
            .filter(e -> "agent.status".equals(e.get("type")))
            .map(e -> String.valueOf(((Map<?, ?>) e.get("data")).get("reason")))
            .toList();
    assertThat(reasons.get(reasons.size() - 1)).isEqualTo("model_unavailable");

    // after the breaker's delay (3 s in tests) the next completion goes through and closes it
    Thread.sleep(3_500);
    message(user, id, "after the delay").statusCode(202);
    awaitStatus(user, id, "idle");
    assertThat(stubs.completionsOf(user)).hasSize(calls + 1);
  }

  @Test
  void shouldQueueWhilePausedAndProcessInOrderOnResume() {
    UUID user = UUID.randomUUID();
    String id = spawnId(user, Map.of());
    as(user).post("/api/agents/" + id + "/pause").then().statusCode(200);
    message(user, id, "one").statusCode(202).body("status", equalTo("queued"));
    message(user, id, "two").statusCode(202).body("status", equalTo("queued"));
    message(user, id, "three").statusCode(202).body("status", equalTo("queued"));
    assertThat(stubs.completionsOf(user)).isEmpty();
    assertThat(io.switchboard.agent.support.Api.status(user, id)).isEqualTo("paused");
    as(user)
        .post("/api/agents/" + id + "/resume")
        .then()
        .statusCode(200)
        .body("status", equalTo("running"));
    Eventually.until("three answers", () -> stubs.completionsOf(user).size() == 3);
    awaitStatus(user, id, "idle");
    messages(user, session(user, id), "")
        .body(
            "messages.content",
            equalTo(List.of("one", "echo: one", "two", "echo: two", "three", "echo: three")));
  }

  @Test
  void shouldLetTheStepInFlightFinishButTakeNoNewStepWhenPaused() throws Exception {
    UUID user = UUID.randomUUID();
    Gate gate = new Gate();
    stubs.callTool(user, "echo", "{}");
    String id = spawnId(user, Map.of());
    stubs.replies.get(user).clear();
    stubs.sayAfter(user, gate, "unused").replies.get(user).clear();
    // first completion blocks, then asks for a tool; pause meanwhile
    stubs.replies.get(user).add(new Stubs.Reply(200, "", "echo", Stubs.read("{}"), gate));
    message(user, id, "slow").statusCode(202);
    gate.awaitArrival();
    as(user).post("/api/agents/" + id + "/pause").then().statusCode(200);
    gate.open();
    Eventually.until(
        "the step in flight persisted",
        () ->
            messages(user, session(user, id), "").extract().jsonPath().getList("messages").size()
                == 2);
    assertThat(stubs.executionsOf(user)).isEmpty();
    assertThat(io.switchboard.agent.support.Api.status(user, id)).isEqualTo("paused");
    as(user).post("/api/agents/" + id + "/resume").then().statusCode(200);
    awaitStatus(user, id, "idle");
    assertThat(stubs.executionsOf(user)).hasSize(1);
  }

  @Test
  void shouldCancelWorkInFlightWhenDeleted() throws Exception {
    UUID user = UUID.randomUUID();
    Gate gate = new Gate();
    String id = spawnId(user, Map.of());
    stubs.sayAfter(user, gate, "too late");
    message(user, id, "slow one").statusCode(202);
    gate.awaitArrival();
    String session = session(user, id);
    as(user).delete("/api/agents/" + id).then().statusCode(204);
    gate.open();
    Thread.sleep(500);
    messages(user, session, "")
        .statusCode(200)
        .body("messages.content", equalTo(List.of("slow one")));
    agent(user, id).statusCode(404);
    as(user).get("/api/agents/" + id + "/events").then().statusCode(404);
  }
}
