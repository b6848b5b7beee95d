package io.switchboard.e2e;

import static io.restassured.RestAssured.given;

import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/**
 * User A of the isolation matrix and one of each of A's resources, created through the gateway: a
 * vault credential, a hook, a permission override, an agent with its session and a chat approval
 * waiting on it, a pipeline template, a run waiting at its approval stage, a stopped run and the
 * notification it caused. Every name carries {@link #marker}, so a list that shows any of A's items
 * to another user is caught even where it does not show an id.
 */
final class IsolationFixture {

  static final Duration PATIENCE = Duration.ofSeconds(90);

  final String token;
  final String marker = "isoA" + UUID.randomUUID().toString().substring(0, 8);

  /** Kind → A's id: agent, session, credential, hook, template, run, notification, approval... */
  final Map<String, String> ids = new LinkedHashMap<>();

  /** Bodies A posted to create things, by collection path (reused for the replace operations). */
  final Map<String, Map<String, Object>> createBodies = new LinkedHashMap<>();

  IsolationFixture(String token) {
    this.token = token;
  }

  RequestSpecification as() {
    return given().auth().oauth2(token).contentType("application/json");
  }

  IsolationFixture create() throws InterruptedException {
    ids.put("account", as().get("/api/auth/me").then().statusCode(200).extract().path("id"));
    ids.put(
        "credential",
        post(
            "/api/vault",
            Map.of("name", marker + "-key", "value", "sk-" + marker, "credentialType", "api_key")));
    ids.put(
        "hook",
        post(
            "/api/hooks",
            Map.of(
                "name",
                marker + "-hook",
                "trigger",
                "pipeline.failed",
                "action",
                Map.of("type", "notify", "config", Map.of("title", marker, "body", marker)))));
    as().body(Map.of("skillId", "time", "action", "now", "level", "ask"))
        .put("/api/skills/permissions")
        .then()
        .statusCode(200);
    ids.put("agent", post("/api/agents", Map.of("name", marker + "-agent", "message", "hi")));
    ids.put(
        "session",
        await(
            "the agent's session",
            a -> get("/api/agents/" + ids.get("agent")).getString("sessionId")));
    // time.now asks first for A: the agent's call waits on A's approval.
    as().body(Map.of("message", "use time__now {}"))
        .post("/api/agents/" + ids.get("agent") + "/message")
        .then()
        .statusCode(202);
    ids.put(
        "chatApproval",
        await(
            "the agent's approval",
            a -> {
              List<String> pending =
                  get("/api/chat/approvals/pending").getList("approvals.requestId");
              return pending.isEmpty() ? null : pending.get(0);
            }));
    ids.put(
        "template",
        post(
            "/api/pipelines/templates",
            Map.of(
                "name",
                marker + "-template",
                "stages",
                List.of(
                    Map.of(
                        "name",
                        "gate",
                        "type",
                        "approval",
                        "config",
                        Map.of("question", marker + "?"))))));
    ids.put("run", post("/api/pipelines", Map.of("templateId", ids.get("template"))));
    ids.put(
        "pipelineApproval",
        await(
            "the run's approval",
            a -> {
              JsonPath run = get("/api/pipelines/" + ids.get("run"));
              return "awaiting_approval".equals(run.getString("pipeline.status"))
                  ? run.getString("stages[0].requestId")
                  : null;
            }));
    String stopped = post("/api/pipelines", Map.of("templateId", ids.get("template")));
    ids.put("stoppedRun", stopped);
    await(
        "the second run's gate",
        a ->
            "awaiting_approval"
                    .equals(get("/api/pipelines/" + stopped).getString("pipeline.status"))
                ? "yes"
                : null);
    as().post("/api/pipelines/" + stopped + "/stop").then().statusCode(200);
    ids.put(
        "notification",
        await(
            "a notification",
            a -> {
              List<String> found = get("/api/notifications").getList("notifications.id");
              return found.isEmpty() ? null : found.get(0);
            }));
    return this;
  }

  JsonPath get(String path) {
    return given().auth().oauth2(token).get(path).then().statusCode(200).extract().jsonPath();
  }

  private String post(String path, Map<String, Object> body) {
    createBodies.put(path, body);
    return as().body(body).post(path).then().statusCode(201).extract().path("id");
  }

  /** Polls until {@code probe} gives a value (at most {@link #PATIENCE}). */
  static String await(String what, Function<Integer, String> probe) throws InterruptedException {
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    for (int attempt = 0; System.nanoTime() < deadline; attempt++) {
      String value = probe.apply(attempt);
      if (value != null && !value.isBlank()) {
        return value;
      }
      Thread.sleep(250);
    }
    throw new AssertionError("No " + what + " within " + PATIENCE);
  }
}
