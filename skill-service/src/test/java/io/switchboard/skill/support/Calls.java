package io.switchboard.skill.support;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.switchboard.testing.TestTokens;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/** REST calls the skill tests share. */
public final class Calls {

  private Calls() {}

  public static ValidatableResponse execute(UUID user, String skill, String tool, Object args) {
    Map<String, Object> body = new HashMap<>();
    body.put("arguments", args);
    return executeBody(user, skill, tool, body);
  }

  public static ValidatableResponse executeBody(
      UUID user, String skill, String tool, Map<String, Object> body) {
    return given()
        .auth()
        .oauth2(TestTokens.user(user))
        .contentType(ContentType.JSON)
        .body(body)
        .post("/api/skills/" + skill + "/tools/" + tool + "/execute")
        .then();
  }

  /** The user's own override: level for skill+action. */
  public static ValidatableResponse override(UUID user, String skill, String action, String level) {
    return given()
        .auth()
        .oauth2(TestTokens.user(user))
        .contentType(ContentType.JSON)
        .body(Map.of("skillId", skill, "action", action, "level", level))
        .put("/api/skills/permissions")
        .then();
  }
}
