package io.switchboard.skill.support;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.switchboard.testing.TestTokens;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;

/** REST calls and waiting for the hook tests. */
public final class Hooks {

  private Hooks() {}

  public static ValidatableResponse create(UUID user, Map<String, Object> body) {
    return given()
        .auth()
        .oauth2(TestTokens.user(user))
        .contentType(ContentType.JSON)
        .body(body)
        .post("/api/hooks")
        .then();
  }

  public static String createId(UUID user, Map<String, Object> body) {
    return create(user, body).statusCode(201).extract().path("id");
  }

  public static Map<String, Object> action(String type, Map<String, Object> config) {
    return Map.of("type", type, "config", config);
  }

  public static Map<String, Object> hook(String trigger, Map<String, Object> action) {
    return Map.of("name", "h-" + trigger, "trigger", trigger, "action", action);
  }

  public static ValidatableResponse executions(UUID user, String hookId) {
    return given()
        .auth()
        .oauth2(TestTokens.user(user))
        .get("/api/hooks/" + hookId + "/executions")
        .then()
        .statusCode(200);
  }

  public static List<Map<String, Object>> executionList(UUID user, String hookId) {
    return executions(user, hookId).extract().jsonPath().getList("executions");
  }

  /** Waits (≤ 30 s) until the condition holds, else fails with {@code what}. */
  public static void await(String what, BooleanSupplier condition) {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (System.nanoTime() < deadline) {
      if (condition.getAsBoolean()) {
        return;
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
    throw new AssertionError("Timed out waiting for: " + what);
  }
}
