package io.switchboard.skill.approval;

import static io.restassured.RestAssured.given;
import static io.switchboard.skill.support.Calls.execute;
import static io.switchboard.skill.support.Calls.executeBody;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.switchboard.defaults.event.Topics;
import io.switchboard.skill.support.Mcp;
import io.switchboard.skill.support.VaultStub;
import io.switchboard.testing.KafkaProbe;
import io.switchboard.testing.SwitchboardTestResource;
import io.switchboard.testing.TestTokens;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(SwitchboardTestResource.class)
class ApprovalTest {

  private static final String AGENT = TestTokens.service("agent-service");
  private static final Map<String, Object> ARGS =
      Map.of("url", "http://127.0.0.1:9/x", "headers", Map.of("X-Key", "{{secret:KEY}}"));

  @Inject DataSource dataSource;

  @ConfigProperty(name = "kafka.bootstrap.servers")
  String kafka;

  private final UUID user = UUID.randomUUID();

  @BeforeAll
  static void logFailures() {
    RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
  }

  private String ask() {
    return execute(user, "http", "fetch", ARGS)
        .statusCode(202)
        .extract()
        .path("approval.requestId");
  }

  private static ValidatableResponse resolve(
      String id, UUID user, boolean approved, boolean remember) {
    return given()
        .auth()
        .oauth2(AGENT)
        .contentType(ContentType.JSON)
        .body(Map.of("userId", user.toString(), "approved", approved, "remember", remember))
        .post("/internal/approvals/" + id + "/resolve")
        .then();
  }

  private ValidatableResponse executeApproved(String id, Map<String, Object> args) {
    Map<String, Object> body = new HashMap<>();
    body.put("arguments", args);
    body.put("approvalRequestId", id);
    return executeBody(user, "http", "fetch", body);
  }

  @Test
  void shouldAskWithAStoredApprovalThatShowsNoSecret() {
    VaultStub.put(user, "KEY", "approval-secret-value");
    String body =
        execute(user, "http", "fetch", ARGS)
            .statusCode(202)
            .body("status", equalTo("awaiting_approval"))
            .body("approval.skillId", equalTo("http"))
            .body("approval.tool", equalTo("fetch"))
            .body("approval.arguments.headers.X-Key", equalTo("{{secret:KEY}}"))
            .body("approval.summary", notNullValue())
            .body("approval.expiresAt", notNullValue())
            .extract()
            .asString();
    assertThat(body).doesNotContain("approval-secret-value");
    String id = io.restassured.path.json.JsonPath.from(body).getString("approval.requestId");
    var record =
        new KafkaProbe(kafka)
            .find(
                Topics.APPROVAL_EVENTS,
                r -> r.value().contains(id) && r.value().contains("approval.requested"));
    assertThat(record.key()).isEqualTo(user.toString());
    assertThat(record.value()).doesNotContain("approval-secret-value");
    given()
        .auth()
        .oauth2(AGENT)
        .queryParam("userId", user.toString())
        .get("/internal/approvals")
        .then()
        .statusCode(200)
        .body("approvals.requestId", hasItem(id));
  }

  @Test
  void shouldRunTheApprovedCallOnceAndOnlyThatCall() {
    String id = ask();
    executeApproved(id, ARGS).statusCode(409).body("code", equalTo("approval_not_approved"));
    resolve(id, user, true, false).statusCode(200).body("status", equalTo("approved"));
    executeApproved(id, Map.of("url", "http://127.0.0.1:9/other"))
        .statusCode(409)
        .body("code", equalTo("approval_mismatch"));
    VaultStub.put(user, "KEY", "k");
    executeApproved(id, ARGS).statusCode(200).body("isError", equalTo(true));
    executeApproved(id, ARGS).statusCode(409).body("code", equalTo("approval_used"));
    execute(user, "http", "fetch", ARGS).statusCode(202);
  }

  @Test
  void shouldRefuseAnotherUsersOrAnAnsweredApproval() {
    String id = ask();
    resolve(id, UUID.randomUUID(), true, false).statusCode(404);
    resolve(UUID.randomUUID().toString(), user, true, false).statusCode(404);
    resolve(id, user, false, false).statusCode(200).body("status", equalTo("denied"));
    resolve(id, user, true, false).statusCode(409).body("code", equalTo("approval_resolved"));
    executeApproved(id, ARGS).statusCode(409);
    given()
        .auth()
        .oauth2(TestTokens.user(user))
        .contentType(ContentType.JSON)
        .body(Map.of("userId", user.toString(), "approved", true))
        .post("/internal/approvals/" + id + "/resolve")
        .then()
        .statusCode(403);
  }

  @Test
  void shouldTurnARememberedAnswerIntoAnOverride() {
    resolve(ask(), user, true, true).statusCode(200).body("remember", equalTo(true));
    given()
        .auth()
        .oauth2(TestTokens.user(user))
        .get("/api/skills/permissions")
        .then()
        .body("permissions.find { it.skillId == 'http' }.level", equalTo("allow"));
    VaultStub.put(user, "KEY", "k");
    execute(user, "http", "fetch", ARGS).statusCode(200);
  }

  @Test
  void shouldExpireAnUnansweredApprovalAsDenied() throws Exception {
    String id = ask();
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "UPDATE approval SET expires_at = now() - interval '1 second' WHERE id = ?")) {
      ps.setObject(1, UUID.fromString(id));
      ps.executeUpdate();
    }
    Mcp.await(
        () ->
            "expired"
                .equals(
                    given()
                        .auth()
                        .oauth2(AGENT)
                        .queryParam("userId", user.toString())
                        .get("/internal/approvals/" + id)
                        .then()
                        .extract()
                        .path("status")),
        "the approval to expire");
    resolve(id, user, true, false).statusCode(409);
  }

  @Test
  void shouldRunWithoutAskingAgainWhenTheCallerHoldsTheApprovalButStillRefuseDeny() {
    Map<String, Object> body =
        Map.of(
            "userId",
            user.toString(),
            "skillId",
            "time",
            "tool",
            "now",
            "arguments",
            Map.of(),
            "approvedByCaller",
            true);
    given()
        .auth()
        .oauth2(TestTokens.user(user))
        .contentType(ContentType.JSON)
        .body(Map.of("skillId", "time", "action", "now", "level", "ask"))
        .put("/api/skills/permissions")
        .then()
        .statusCode(200);
    given()
        .auth()
        .oauth2(AGENT)
        .contentType(ContentType.JSON)
        .body(body)
        .post("/internal/tools/execute")
        .then()
        .statusCode(200)
        .body("isError", equalTo(false));
    given()
        .auth()
        .oauth2(TestTokens.user(user))
        .contentType(ContentType.JSON)
        .body(Map.of("skillId", "time", "action", "now", "level", "deny"))
        .put("/api/skills/permissions")
        .then()
        .statusCode(200);
    given()
        .auth()
        .oauth2(AGENT)
        .contentType(ContentType.JSON)
        .body(body)
        .post("/internal/tools/execute")
        .then()
        .statusCode(403)
        .body("code", equalTo("permission_denied"));
  }

  @Test
  void shouldLetAgentServiceExecuteAskAndRunWithTheApproval() {
    Map<String, Object> body =
        new HashMap<>(
            Map.of(
                "userId", user.toString(), "skillId", "http", "tool", "fetch", "arguments", ARGS));
    String id =
        given()
            .auth()
            .oauth2(AGENT)
            .contentType(ContentType.JSON)
            .body(body)
            .post("/internal/tools/execute")
            .then()
            .statusCode(202)
            .body("approval.requestedBy", equalTo("agent-service"))
            .extract()
            .path("approval.requestId");
    resolve(id, user, true, false).statusCode(200);
    body.put("approvalRequestId", id);
    VaultStub.put(user, "KEY", "k");
    given()
        .auth()
        .oauth2(AGENT)
        .contentType(ContentType.JSON)
        .body(body)
        .post("/internal/tools/execute")
        .then()
        .statusCode(200);
    given()
        .auth()
        .oauth2(AGENT)
        .contentType(ContentType.JSON)
        .body(
            Map.of(
                "userId",
                user.toString(),
                "skillId",
                "math",
                "tool",
                "evaluate",
                "arguments",
                Map.of("expression", "6*7")))
        .post("/internal/tools/execute")
        .then()
        .statusCode(200)
        .body("result.value", equalTo(42.0f));
    given()
        .auth()
        .oauth2(TestTokens.user(user))
        .contentType(ContentType.JSON)
        .body(body)
        .post("/internal/tools/execute")
        .then()
        .statusCode(403);
  }

  @Test
  void shouldCreateAnApprovalForAgentServiceAfterValidation() {
    given()
        .auth()
        .oauth2(AGENT)
        .contentType(ContentType.JSON)
        .body(
            Map.of(
                "userId",
                user.toString(),
                "skillId",
                "http",
                "tool",
                "fetch",
                "arguments",
                ARGS,
                "summary",
                "Fetch a page"))
        .post("/internal/approvals")
        .then()
        .statusCode(201)
        .body("summary", equalTo("Fetch a page"))
        .body("status", equalTo("pending"));
    given()
        .auth()
        .oauth2(AGENT)
        .contentType(ContentType.JSON)
        .body(
            Map.of(
                "userId",
                user.toString(),
                "skillId",
                "http",
                "tool",
                "fetch",
                "arguments",
                Map.of()))
        .post("/internal/approvals")
        .then()
        .statusCode(400)
        .body("errors.field", hasItem("arguments.url"));
  }
}
