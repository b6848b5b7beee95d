package io.switchboard.skill.permission;

import static io.restassured.RestAssured.given;
import static io.switchboard.skill.support.Calls.execute;
import static io.switchboard.skill.support.Calls.override;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.switchboard.testing.SwitchboardTestResource;
import io.switchboard.testing.TestTokens;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(SwitchboardTestResource.class)
class PermissionTest {

  @Inject DataSource dataSource;
  private final UUID user = UUID.randomUUID();

  @BeforeAll
  static void logFailures() {
    RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
  }

  private static ValidatableResponse check(String token, UUID user, String skill, String action) {
    return given()
        .auth()
        .oauth2(token)
        .contentType(ContentType.JSON)
        .body(Map.of("userId", user.toString(), "skillId", skill, "action", action))
        .post("/internal/permissions/check")
        .then();
  }

  private static ValidatableResponse list(UUID user) {
    return given().auth().oauth2(TestTokens.user(user)).get("/api/skills/permissions").then();
  }

  @Test
  void shouldSetListAndRemoveAnOverride() {
    given()
        .auth()
        .oauth2(TestTokens.user(user))
        .contentType(ContentType.JSON)
        .body(
            Map.of(
                "skillId",
                "math",
                "action",
                "evaluate",
                "level",
                "deny",
                "reason",
                "no",
                "expiresAt",
                Instant.now().plusSeconds(3600).toString()))
        .put("/api/skills/permissions")
        .then()
        .statusCode(200)
        .body("level", equalTo("deny"))
        .body("reason", equalTo("no"));
    list(user)
        .statusCode(200)
        .body("permissions", hasSize(1))
        .body("permissions[0].skillId", equalTo("math"));
    given()
        .auth()
        .oauth2(TestTokens.user(user))
        .delete("/api/skills/permissions/math/evaluate")
        .then()
        .statusCode(204);
    list(user).body("permissions", empty());
    given()
        .auth()
        .oauth2(TestTokens.user(user))
        .delete("/api/skills/permissions/math/evaluate")
        .then()
        .statusCode(404)
        .body("code", equalTo("not_found"));
  }

  @Test
  void shouldRefuseAnInvalidLevelUnknownTargetsAndAPastExpiry() {
    override(user, "math", "evaluate", "maybe")
        .statusCode(400)
        .body("code", equalTo("validation_failed"))
        .body("errors.field", hasItem("level"));
    override(user, "nope", "evaluate", "allow").statusCode(404).body("code", equalTo("not_found"));
    override(user, "math", "nope", "allow").statusCode(404);
    given()
        .auth()
        .oauth2(TestTokens.user(user))
        .contentType(ContentType.JSON)
        .body(
            Map.of(
                "skillId",
                "math",
                "action",
                "evaluate",
                "level",
                "allow",
                "expiresAt",
                "2001-01-01T00:00:00Z"))
        .put("/api/skills/permissions")
        .then()
        .statusCode(400)
        .body("errors.field", hasItem("expiresAt"));
  }

  @Test
  void shouldKeepOverridesToTheirOwner() {
    UUID other = UUID.randomUUID();
    override(user, "time", "now", "deny").statusCode(200);
    list(other).body("permissions", empty());
    given()
        .auth()
        .oauth2(TestTokens.user(other))
        .delete("/api/skills/permissions/time/now")
        .then()
        .statusCode(404);
    list(user).body("permissions", hasSize(1));
    execute(other, "time", "now", Map.of()).statusCode(200);
    execute(user, "time", "now", Map.of())
        .statusCode(403)
        .body("code", equalTo("permission_denied"));
  }

  @Test
  void shouldDenyWholeSkillWithAStarButLetAnExactOverrideWin() {
    override(user, "time", "*", "deny").statusCode(200);
    execute(user, "time", "convert", Map.of("time", "2026-01-01T00:00:00Z", "to", "UTC"))
        .statusCode(403);
    override(user, "time", "convert", "allow").statusCode(200);
    execute(user, "time", "convert", Map.of("time", "2026-01-01T00:00:00Z", "to", "UTC"))
        .statusCode(200);
  }

  @Test
  void shouldAnswerTheInternalCheckWithLevelAndSource() {
    String service = TestTokens.service("agent-service");
    check(service, user, "http", "fetch")
        .statusCode(200)
        .body("level", equalTo("ask"))
        .body("source", equalTo("default"))
        .body("reason", nullValue());
    override(user, "http", "fetch", "allow").statusCode(200);
    check(service, user, "http", "fetch")
        .body("level", equalTo("allow"))
        .body("source", equalTo("override"));
    check(service, user, "nope", "fetch").statusCode(404);
    check(service, user, "http", "nope").statusCode(404);
    check(TestTokens.user(user), user, "http", "fetch").statusCode(403);
  }

  @Test
  void shouldIgnoreAnExpiredOverride() throws Exception {
    override(user, "math", "evaluate", "deny").statusCode(200);
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "UPDATE permission_override SET expires_at = now() - interval '1 minute'"
                    + " WHERE user_id = ?")) {
      ps.setObject(1, user);
      ps.executeUpdate();
    }
    execute(user, "math", "evaluate", Map.of("expression", "1+1")).statusCode(200);
    list(user).body("permissions", empty());
  }
}
