package io.switchboard.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue 8 end to end through the gateway on the real stack: a three-stage template (agent with the
 * offline local model → approval → tool) run approved, run denied, and stopped while it waits.
 */
class PipelineFlowIT {

  private static final Map<String, Object> TEMPLATE =
      Map.of(
          "name",
          "e2e-three-stages",
          "stages",
          List.of(
              Map.of(
                  "name", "draft",
                  "type", "agent",
                  "config", Map.of("prompt", "Write a line about {{input.subject}}")),
              Map.of(
                  "name", "gate",
                  "type", "approval",
                  "config", Map.of("question", "Publish {{stages.draft.output}}?")),
              Map.of(
                  "name", "clock",
                  "type", "tool",
                  "config", Map.of("skillId", "time", "tool", "now", "arguments", Map.of()))));

  @Test
  void shouldRunApproveDenyAndStopAThreeStagePipeline() throws Exception {
    SharedStack.get();
    String user = SharedStack.register("pipe");
    String templateId =
        given()
            .auth()
            .oauth2(user)
            .contentType("application/json")
            .body(TEMPLATE)
            .post("/api/pipelines/templates")
            .then()
            .statusCode(201)
            .extract()
            .path("id");

    String approved = start(user, templateId);
    answer(user, awaitGate(user, approved), true);
    JsonPath done = awaitStatus(user, approved, "completed");
    assertThat(done.getString("stages.find { it.name == 'draft' }.output"))
        .contains("[local/echo]");
    assertThat(done.getString("stages.find { it.name == 'clock' }.status")).isEqualTo("completed");

    String denied = start(user, templateId);
    answer(user, awaitGate(user, denied), false);
    awaitStatus(user, denied, "failed");

    String stopped = start(user, templateId);
    awaitGate(user, stopped);
    given()
        .auth()
        .oauth2(user)
        .post("/api/pipelines/" + stopped + "/stop")
        .then()
        .statusCode(200)
        .body("status", equalTo("stopped"));
    given().auth().oauth2(user).post("/api/pipelines/" + stopped + "/stop").then().statusCode(409);

    String stranger = SharedStack.register("pipe");
    given().auth().oauth2(stranger).get("/api/pipelines/" + approved).then().statusCode(404);
    given()
        .auth()
        .oauth2(stranger)
        .contentType("application/json")
        .body(Map.of("templateId", templateId))
        .post("/api/pipelines")
        .then()
        .statusCode(404);
    // Its user was told: a notification per outcome.
    List<String> types =
        given()
            .auth()
            .oauth2(user)
            .get("/api/notifications")
            .then()
            .statusCode(200)
            .extract()
            .path("notifications.type");
    assertThat(types).isNotEmpty();
  }

  private static String start(String user, String templateId) {
    return given()
        .auth()
        .oauth2(user)
        .contentType("application/json")
        .body(Map.of("templateId", templateId, "input", Map.of("subject", "cats")))
        .post("/api/pipelines")
        .then()
        .statusCode(201)
        .extract()
        .path("id");
  }

  private static String awaitGate(String user, String runId) throws InterruptedException {
    JsonPath run = awaitStatus(user, runId, "awaiting_approval");
    String requestId = run.getString("stages.find { it.name == 'gate' }.requestId");
    assertThat(requestId).isNotBlank();
    return requestId;
  }

  private static void answer(String user, String requestId, boolean approved) {
    given()
        .auth()
        .oauth2(user)
        .contentType("application/json")
        .body(Map.of("requestId", requestId, "approved", approved))
        .post("/api/chat/approve")
        .then()
        .statusCode(200)
        .body("resolved", equalTo(true));
  }

  private static JsonPath awaitStatus(String user, String runId, String status)
      throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    String last = null;
    while (System.nanoTime() < deadline) {
      JsonPath run =
          given()
              .auth()
              .oauth2(user)
              .get("/api/pipelines/" + runId)
              .then()
              .statusCode(200)
              .extract()
              .jsonPath();
      last = run.getString("pipeline.status");
      if (status.equals(last)) {
        return run;
      }
      Thread.sleep(250);
    }
    throw new AssertionError("run " + runId + " is " + last + ", not " + status + ", after 90 s");
  }
}
