package io.switchboard.agent;

import static io.restassured.RestAssured.given;
import static io.switchboard.agent.support.Api.agent;
import static io.switchboard.agent.support.Api.as;
import static io.switchboard.agent.support.Api.spawn;
import static io.switchboard.agent.support.Api.spawnId;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.switchboard.agent.support.StubsResource;
import io.switchboard.testing.SwitchboardTestResource;
import io.switchboard.testing.TestTokens;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(SwitchboardTestResource.class)
@WithTestResource(StubsResource.class)
class AgentResourceTest {

  @BeforeAll
  static void logFailures() {
    RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
  }

  @Test
  void shouldSpawnAnIdleAgentWithEveryField() {
    UUID user = UUID.randomUUID();
    spawn(
            user,
            Map.of(
                "name", "researcher",
                "topic", "code",
                "model", "gpt-x",
                "systemPrompt", "Be brief.",
                "skills", List.of("builtin.echo")))
        .statusCode(201)
        .header("Location", org.hamcrest.Matchers.containsString("/api/agents/"))
        .body("name", equalTo("researcher"))
        .body("userId", equalTo(user.toString()))
        .body("sessionId", notNullValue())
        .body("topic", equalTo("code"))
        .body("model", equalTo("gpt-x"))
        .body("status", equalTo("idle"))
        .body("systemPrompt", equalTo("Be brief."))
        .body("skills", equalTo(List.of("builtin.echo")))
        .body("iteration", equalTo(0))
        .body("totalTokens", equalTo(0))
        .body("lastError", nullValue())
        .body("createdAt", notNullValue())
        .body("updatedAt", notNullValue());
  }

  @Test
  void shouldNameAnUnnamedAgentAndGiveItASession() {
    UUID user = UUID.randomUUID();
    String id = spawnId(user, Map.of());
    String session = agent(user, id).statusCode(200).extract().path("sessionId");
    agent(user, id).body("name", equalTo("agent-" + id.substring(0, 8)));
    as(user).get("/api/sessions/" + session).then().statusCode(200).body("agentId", equalTo(id));
  }

  @Test
  void shouldListOnlyTheCallersAgentsWithPaging() {
    UUID user = UUID.randomUUID();
    for (int i = 0; i < 3; i++) {
      spawnId(user, Map.of("name", "a" + i));
    }
    spawnId(UUID.randomUUID(), Map.of("name", "someone else's"));
    as(user)
        .get("/api/agents?limit=2")
        .then()
        .statusCode(200)
        .body("agents", hasSize(2))
        .body("total", equalTo(3))
        .body("limit", equalTo(2))
        .body("offset", equalTo(0))
        .body("hasMore", equalTo(true))
        .body("agents[0].name", equalTo("a2"));
    as(user)
        .get("/api/agents?limit=2&offset=2")
        .then()
        .statusCode(200)
        .body("agents.name", equalTo(List.of("a0")))
        .body("hasMore", equalTo(false));
  }

  @Test
  void shouldFilterByStatusAndSession() {
    UUID user = UUID.randomUUID();
    String idle = spawnId(user, Map.of("name", "idle one"));
    String paused = spawnId(user, Map.of("name", "paused one"));
    as(user)
        .post("/api/agents/" + paused + "/pause")
        .then()
        .statusCode(200)
        .body("status", equalTo("paused"));
    as(user)
        .get("/api/agents?status=paused")
        .then()
        .statusCode(200)
        .body("agents.id", equalTo(List.of(paused)))
        .body("total", equalTo(1));
    String session = agent(user, idle).extract().path("sessionId");
    as(user)
        .get("/api/agents?sessionId=" + session)
        .then()
        .statusCode(200)
        .body("agents.id", equalTo(List.of(idle)));
    as(user).get("/api/agents?status=idle").then().body("agents.id", containsInAnyOrder(idle));
  }

  @Test
  void shouldAttachAnAgentToAnExistingSessionOfTheCaller() {
    UUID user = UUID.randomUUID();
    String first = spawnId(user, Map.of());
    String session = agent(user, first).extract().path("sessionId");
    spawn(user, Map.of("sessionId", session)).statusCode(201).body("sessionId", equalTo(session));
  }

  @Test
  void shouldAnswer404ForAnotherUsersSessionOnSpawn() {
    UUID owner = UUID.randomUUID();
    String session = agent(owner, spawnId(owner, Map.of())).extract().path("sessionId");
    spawn(UUID.randomUUID(), Map.of("sessionId", session))
        .statusCode(404)
        .body("code", equalTo("not_found"));
  }

  @Test
  void shouldHideAnotherUsersAgentEverywhere() {
    UUID owner = UUID.randomUUID();
    UUID other = UUID.randomUUID();
    String id = spawnId(owner, Map.of());
    agent(other, id).statusCode(404).body("code", equalTo("not_found"));
    as(other).delete("/api/agents/" + id).then().statusCode(404);
    as(other).post("/api/agents/" + id + "/pause").then().statusCode(404);
    as(other).post("/api/agents/" + id + "/resume").then().statusCode(404);
    as(other)
        .body(Map.of("message", "hi"))
        .post("/api/agents/" + id + "/message")
        .then()
        .statusCode(404);
    as(other).get("/api/agents/" + id + "/events").then().statusCode(404);
    agent(owner, id).statusCode(200).body("status", equalTo("idle"));
  }

  @Test
  void shouldAnswer404ForAnUnknownAgent() {
    agent(UUID.randomUUID(), UUID.randomUUID().toString())
        .statusCode(404)
        .body("code", equalTo("not_found"));
  }

  @Test
  void shouldDeleteAnAgentButKeepItsSession() {
    UUID user = UUID.randomUUID();
    String id = spawnId(user, Map.of());
    String session = agent(user, id).extract().path("sessionId");
    as(user).delete("/api/agents/" + id).then().statusCode(204);
    agent(user, id).statusCode(404);
    as(user).get("/api/agents").then().body("total", equalTo(0));
    as(user).get("/api/sessions/" + session).then().statusCode(200);
    as(user).delete("/api/agents/" + id).then().statusCode(404);
  }

  @Test
  void shouldRefuseAMessageToADeletedAgentWith409() {
    UUID user = UUID.randomUUID();
    String id = spawnId(user, Map.of());
    as(user).delete("/api/agents/" + id).then().statusCode(204);
    as(user)
        .body(Map.of("message", "are you there?"))
        .post("/api/agents/" + id + "/message")
        .then()
        .statusCode(409)
        .body("code", equalTo("agent_stopped"));
  }

  @Test
  void shouldRejectInvalidSpawnRequestsWithFieldErrors() {
    UUID user = UUID.randomUUID();
    spawn(user, Map.of("name", ""))
        .statusCode(400)
        .body("code", equalTo("validation_failed"))
        .body("errors.field", hasItem(org.hamcrest.Matchers.containsString("name")));
    spawn(user, Map.of("topic", "no spaces allowed"))
        .statusCode(400)
        .body("code", equalTo("validation_failed"))
        .body("errors.field", hasItem(org.hamcrest.Matchers.containsString("topic")));
    spawn(user, Map.of("skills", List.of("")))
        .statusCode(400)
        .body("code", equalTo("validation_failed"));
    spawn(user, Map.of("message", ""))
        .statusCode(400)
        .body("errors.field", hasItem(org.hamcrest.Matchers.containsString("message")));
    spawn(user, Map.of("sessionId", "not-a-uuid")).statusCode(400);
  }

  @Test
  void shouldRejectNulCharactersWhichTheDatabaseCannotStore() {
    UUID user = UUID.randomUUID();
    spawn(user, Map.of("name", "a\u0000b"))
        .statusCode(400)
        .body("code", equalTo("validation_failed"))
        .body("errors.field", hasItem(org.hamcrest.Matchers.containsString("name")));
    spawn(user, Map.of("systemPrompt", "\u0000")).statusCode(400);
    spawn(user, Map.of("skills", List.of("x\u0000"))).statusCode(400);
    String id = spawnId(user, Map.of());
    as(user)
        .body(Map.of("message", "hi\u0000"))
        .post("/api/agents/" + id + "/message")
        .then()
        .statusCode(400)
        .body("code", equalTo("validation_failed"));
  }

  @Test
  void shouldRejectMalformedJson() {
    as(UUID.randomUUID()).body("{\"name\":").post("/api/agents").then().statusCode(400);
  }

  @Test
  void shouldRejectAnEmptyOrMissingMessage() {
    UUID user = UUID.randomUUID();
    String id = spawnId(user, Map.of());
    as(user)
        .body(Map.of("message", ""))
        .post("/api/agents/" + id + "/message")
        .then()
        .statusCode(400)
        .body("code", equalTo("validation_failed"))
        .body("errors.field", hasItem(org.hamcrest.Matchers.containsString("message")));
    as(user)
        .body(Map.of())
        .post("/api/agents/" + id + "/message")
        .then()
        .statusCode(400)
        .body("code", equalTo("validation_failed"));
  }

  @Test
  void shouldRejectBadListParameters() {
    UUID user = UUID.randomUUID();
    as(user)
        .get("/api/agents?status=sleeping")
        .then()
        .statusCode(400)
        .body("code", equalTo("validation_failed"));
    as(user)
        .get("/api/agents?sessionId=nope")
        .then()
        .statusCode(400)
        .body("code", equalTo("validation_failed"));
    as(user)
        .get("/api/agents?limit=201")
        .then()
        .statusCode(400)
        .body("code", equalTo("validation_failed"));
    as(user)
        .get("/api/agents?offset=-1")
        .then()
        .statusCode(400)
        .body("code", equalTo("validation_failed"));
  }

  @Test
  void shouldRejectBadEventCursors() {
    UUID user = UUID.randomUUID();
    String id = spawnId(user, Map.of());
    as(user)
        .get("/api/agents/" + id + "/events?after=abc")
        .then()
        .statusCode(400)
        .body("code", equalTo("validation_failed"));
    as(user).get("/api/agents/" + id + "/events?after=-1").then().statusCode(400);
    as(user)
        .get("/api/agents/" + id + "/events?limit=201")
        .then()
        .statusCode(400)
        .body("code", equalTo("validation_failed"));
    as(user).get("/api/agents/" + id + "/events?limit=0").then().statusCode(400);
  }

  @Test
  void shouldRequireAUserToken() {
    given().get("/api/agents").then().statusCode(401);
    given()
        .auth()
        .oauth2(TestTokens.service("skill-service"))
        .get("/api/agents")
        .then()
        .statusCode(403);
    given()
        .auth()
        .oauth2(TestTokens.expired(UUID.randomUUID()))
        .get("/api/agents")
        .then()
        .statusCode(401);
  }

  @Test
  void shouldPauseAndResumeAnIdleAgent() {
    UUID user = UUID.randomUUID();
    String id = spawnId(user, Map.of());
    as(user)
        .post("/api/agents/" + id + "/pause")
        .then()
        .statusCode(200)
        .body("status", equalTo("paused"));
    as(user)
        .post("/api/agents/" + id + "/resume")
        .then()
        .statusCode(200)
        .body("status", equalTo("idle"));
  }

  @Test
  void shouldReplayASpawnWithTheSameIdempotencyKey() {
    UUID user = UUID.randomUUID();
    String key = UUID.randomUUID().toString();
    String first =
        as(user)
            .header("Idempotency-Key", key)
            .body(Map.of("name", "once"))
            .post("/api/agents")
            .then()
            .statusCode(201)
            .extract()
            .path("id");
    as(user)
        .header("Idempotency-Key", key)
        .body(Map.of("name", "once"))
        .post("/api/agents")
        .then()
        .statusCode(201)
        .header("Idempotent-Replayed", "true")
        .body("id", equalTo(first));
    as(user).get("/api/agents").then().body("total", equalTo(1));
    as(user)
        .header("Idempotency-Key", key)
        .body(Map.of("name", "other"))
        .post("/api/agents")
        .then()
        .statusCode(422)
        .body("code", equalTo("idempotency_key_reused"));
  }
}
