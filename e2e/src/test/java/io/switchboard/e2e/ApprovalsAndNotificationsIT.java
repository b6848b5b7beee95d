package io.switchboard.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Issues 7 and 8 through the gateway on the real stack: every approval waiting on a user in one
 * pending list (a pipeline's approval stage, then skill-service's approval of a pipeline tool stage
 * whose tool is "ask"), both answered with /api/chat/approve, and a hook's notify action ending up
 * in the user's notifications.
 */
class ApprovalsAndNotificationsIT {

  private static final Map<String, Object> TEMPLATE =
      Map.of(
          "name",
          "e2e-gate-and-asking-tool",
          "stages",
          List.of(
              Map.of("name", "gate", "type", "approval", "config", Map.of("question", "Go on?")),
              Map.of(
                  "name",
                  "clock",
                  "type",
                  "tool",
                  "config",
                  Map.of("skillId", "time", "tool", "now", "arguments", Map.of()))));

  @Test
  void shouldListAndAnswerEveryApprovalAndNotifyThroughAHook() throws Exception {
    SharedStack.get();
    String user = SharedStack.register("appr");
    given()
        .auth()
        .oauth2(user)
        .contentType("application/json")
        .body(Map.of("skillId", "time", "action", "now", "level", "ask"))
        .put("/api/skills/permissions")
        .then()
        .statusCode(200);
    given()
        .auth()
        .oauth2(user)
        .contentType("application/json")
        .body(
            Map.of(
                "name",
                "tell me",
                "trigger",
                "pipeline.completed",
                "action",
                Map.of("type", "notify", "config", Map.of("title", "Hook: done", "body", "yes"))))
        .post("/api/hooks")
        .then()
        .statusCode(201);
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
    String run =
        given()
            .auth()
            .oauth2(user)
            .contentType("application/json")
            .body(Map.of("templateId", templateId))
            .post("/api/pipelines")
            .then()
            .statusCode(201)
            .extract()
            .path("id");

    String gate = awaitStage(user, run, "gate");
    JsonPath pending = pending(user);
    assertThat(pending.getBoolean("partial")).isFalse();
    assertThat(pending.getList("approvals.requestId", String.class)).containsExactly(gate);
    assertThat(pending.getString("approvals[0].source")).isEqualTo("pipeline");
    assertThat(pending.getString("approvals[0].question")).isEqualTo("Go on?");
    answer(user, gate);

    String toolApproval = awaitStage(user, run, "clock");
    pending = pending(user);
    assertThat(pending.getList("approvals.requestId", String.class)).containsExactly(toolApproval);
    assertThat(pending.getString("approvals[0].source")).isEqualTo("skill");
    assertThat(pending.getString("approvals[0].tool")).isEqualTo("now");
    answer(user, toolApproval);

    JsonPath done = awaitRun(user, run, r -> "completed".equals(r.getString("pipeline.status")));
    assertThat(done.getString("stages.find { it.name == 'clock' }.output")).isNotBlank();
    assertThat(pending(user).getList("approvals")).isEmpty();

    JsonPath notifications =
        await(
            "the hook's notification",
            () -> notifications(user),
            n -> n.getList("notifications.type", String.class).contains("hook.notify"));
    assertThat(notifications.getString("notifications.find { it.type == 'hook.notify' }.title"))
        .isEqualTo("Hook: done");
    String stranger = SharedStack.register("appr");
    assertThat(pending(stranger).getList("approvals")).isEmpty();
    assertThat(notifications(stranger).getInt("total")).isZero();
  }

  private static JsonPath pending(String user) {
    return given()
        .auth()
        .oauth2(user)
        .get("/api/chat/approvals/pending")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
  }

  private static JsonPath notifications(String user) {
    return given()
        .auth()
        .oauth2(user)
        .get("/api/notifications")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
  }

  private static void answer(String user, String requestId) {
    given()
        .auth()
        .oauth2(user)
        .contentType("application/json")
        .body(Map.of("requestId", requestId, "approved", true))
        .post("/api/chat/approve")
        .then()
        .statusCode(200)
        .body("resolved", equalTo(true));
  }

  /** Waits until the named stage waits on the user; its requestId. */
  private static String awaitStage(String user, String run, String stage) throws Exception {
    String path = "stages.find { it.name == '" + stage + "' }";
    JsonPath r =
        awaitRun(
            user,
            run,
            p ->
                "awaiting_approval".equals(p.getString("pipeline.status"))
                    && "awaiting_approval".equals(p.getString(path + ".status")));
    String requestId = r.getString(path + ".requestId");
    assertThat(requestId).isNotBlank();
    return requestId;
  }

  private static JsonPath awaitRun(String user, String run, Predicate<JsonPath> done)
      throws Exception {
    return await(
        "run " + run,
        () ->
            given()
                .auth()
                .oauth2(user)
                .get("/api/pipelines/" + run)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath(),
        done);
  }

  private static JsonPath await(String what, Supplier<JsonPath> read, Predicate<JsonPath> done)
      throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    JsonPath last = null;
    while (System.nanoTime() < deadline) {
      last = read.get();
      if (done.test(last)) {
        return last;
      }
      Thread.sleep(250);
    }
    throw new AssertionError(what + " not reached after 90 s: " + last.prettify());
  }
}
