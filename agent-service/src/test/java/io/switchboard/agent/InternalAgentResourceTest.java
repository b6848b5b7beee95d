package io.switchboard.agent;

import static io.restassured.RestAssured.given;
import static io.switchboard.agent.support.Api.awaitStatus;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.switchboard.agent.support.Stubs;
import io.switchboard.agent.support.StubsResource;
import io.switchboard.testing.SwitchboardTestResource;
import io.switchboard.testing.TestTokens;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Agents started by other services: a hook's spawn_agent, a pipeline's agent stage. */
@QuarkusTest
@WithTestResource(SwitchboardTestResource.class)
@WithTestResource(StubsResource.class)
class InternalAgentResourceTest {

  private static RequestSpecification asService() {
    return given()
        .auth()
        .oauth2(TestTokens.service("pipeline-service"))
        .contentType(ContentType.JSON);
  }

  @Test
  void shouldRunAPipelineStageAndReportItsAnswer() {
    UUID user = UUID.randomUUID();
    Stubs.get().say(user, "stage output");
    UUID runId = UUID.randomUUID();
    String agentId =
        asService()
            .body(
                Map.of(
                    "userId",
                    user.toString(),
                    "runId",
                    runId.toString(),
                    "stage",
                    "summarise",
                    "prompt",
                    "Summarise the input"))
            .post("/internal/agents/runs")
            .then()
            .statusCode(202)
            .body("agentId", notNullValue())
            .extract()
            .path("agentId");
    awaitStatus(user, agentId, "idle");
    asService()
        .get("/internal/agents/" + agentId + "?userId=" + user)
        .then()
        .statusCode(200)
        .body("status", equalTo("idle"))
        .body("lastMessage.content", equalTo("stage output"));
    // The user sees the agent as their own, named after the run and stage.
    given()
        .auth()
        .oauth2(TestTokens.user(user))
        .get("/api/agents/" + agentId)
        .then()
        .statusCode(200)
        .body("name", equalTo("pipeline-" + runId.toString().substring(0, 8) + "-summarise"));
    // The tools came from skill-service's internal list, with this service's token.
    assertThat(Stubs.get().unauthorized).doesNotContain("/internal/tools");
  }

  @Test
  void shouldStartARetriedStageOnceWithTheSameIdempotencyKey() {
    UUID user = UUID.randomUUID();
    Stubs.get().say(user, "once");
    Map<String, String> body =
        Map.of(
            "userId",
            user.toString(),
            "runId",
            UUID.randomUUID().toString(),
            "stage",
            "s1",
            "prompt",
            "go");
    String key = UUID.randomUUID() + ":s1:1";
    String first =
        asService()
            .header("Idempotency-Key", key)
            .body(body)
            .post("/internal/agents/runs")
            .then()
            .statusCode(202)
            .extract()
            .path("agentId");
    String again =
        asService()
            .header("Idempotency-Key", key)
            .body(body)
            .post("/internal/agents/runs")
            .then()
            .statusCode(202)
            .extract()
            .path("agentId");
    assertThat(again).isEqualTo(first);
  }

  @Test
  void shouldSpawnAnAgentForAHook() {
    UUID user = UUID.randomUUID();
    Stubs.get().say(user, "hello from a hook");
    String agentId =
        asService()
            .body(Map.of("userId", user.toString(), "name", "from-hook", "prompt", "Say hello"))
            .post("/internal/agents")
            .then()
            .statusCode(201)
            .body("sessionId", notNullValue())
            .extract()
            .path("agentId");
    awaitStatus(user, agentId, "idle");
  }

  @Test
  void shouldCancelAnAgentAndKeepOwnershipRules() {
    UUID user = UUID.randomUUID();
    Stubs.get().say(user, "x");
    String agentId =
        asService()
            .body(Map.of("userId", user.toString(), "prompt", "go"))
            .post("/internal/agents")
            .then()
            .statusCode(201)
            .extract()
            .path("agentId");
    UUID stranger = UUID.randomUUID();
    asService().get("/internal/agents/" + agentId + "?userId=" + stranger).then().statusCode(404);
    asService()
        .body(Map.of("userId", stranger.toString()))
        .post("/internal/agents/" + agentId + "/cancel")
        .then()
        .statusCode(404);
    asService()
        .body(Map.of("userId", user.toString()))
        .post("/internal/agents/" + agentId + "/cancel")
        .then()
        .statusCode(204);
    given()
        .auth()
        .oauth2(TestTokens.user(user))
        .get("/api/agents/" + agentId)
        .then()
        .statusCode(404);
  }

  @Test
  void shouldExposeTheDashboardGauges() {
    given()
        .get("/metrics")
        .then()
        .statusCode(200)
        .body(org.hamcrest.Matchers.containsString("switchboard_agents_running "))
        .body(org.hamcrest.Matchers.containsString("switchboard_approvals_pending "));
  }

  @Test
  void shouldRefuseUserTokensAndBadInput() {
    UUID user = UUID.randomUUID();
    given()
        .auth()
        .oauth2(TestTokens.user(user))
        .contentType(ContentType.JSON)
        .body(Map.of("userId", user.toString(), "prompt", "go"))
        .post("/internal/agents")
        .then()
        .statusCode(403);
    asService()
        .body(Map.of("userId", user.toString()))
        .post("/internal/agents")
        .then()
        .statusCode(400)
        .body("code", equalTo("validation_failed"));
    asService()
        .body(Map.of("userId", user.toString(), "prompt", "go", "topic", "bad topic!"))
        .post("/internal/agents")
        .then()
        .statusCode(400)
        .body("code", equalTo("validation_failed"));
  }
}
