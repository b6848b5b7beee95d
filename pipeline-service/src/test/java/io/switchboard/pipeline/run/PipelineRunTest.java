package io.switchboard.pipeline.run;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.switchboard.defaults.event.Topics;
import io.switchboard.pipeline.support.Api;
import io.switchboard.pipeline.support.Eventually;
import io.switchboard.pipeline.support.StubServices;
import io.switchboard.testing.KafkaProbe;
import io.switchboard.testing.SwitchboardTestResource;
import io.switchboard.testing.TestTokens;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(SwitchboardTestResource.class)
@WithTestResource(StubServices.class)
class PipelineRunTest {

  static final String THREE_STAGES =
      """
      {"name":"Release","stages":[
        {"name":"draft","type":"agent","config":{"prompt":"Summarise {{input.topic}}"}},
        {"name":"gate","type":"approval","config":{"question":"Publish {{stages.draft.output}}?"}},
        {"name":"publish","type":"tool","config":{"skillId":"blog","tool":"post","arguments":{"text":"{{stages.draft.output}}"}}}]}
      """;

  private static final ObjectMapper JSON = new ObjectMapper();

  @Inject DataSource dataSource;
  @Inject io.micrometer.core.instrument.MeterRegistry meters;

  @ConfigProperty(name = "kafka.bootstrap.servers")
  String bootstrap;

  private final UUID user = UUID.randomUUID();
  private final Api api = new Api(user);

  @BeforeAll
  static void logFailures() {
    RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
  }

  private static String service() {
    return TestTokens.service("agent-service");
  }

  private io.restassured.response.ValidatableResponse resolve(
      String requestId, UUID who, boolean ok) {
    return given()
        .auth()
        .oauth2(service())
        .contentType(ContentType.JSON)
        .body(Map.of("userId", who.toString(), "approved", ok))
        .post("/internal/approvals/" + requestId + "/resolve")
        .then();
  }

  private String awaitApproval(UUID run) {
    JsonPath r = api.awaitRun(run, "awaiting_approval");
    assertThat(r.getString("stages[0].status")).isEqualTo("completed");
    assertThat(r.getString("stages[1].status")).isEqualTo("awaiting_approval");
    return r.getString("stages[1].requestId");
  }

  private JsonNode event(String topic, String type, String key) {
    ConsumerRecord<String, String> record =
        new KafkaProbe(bootstrap)
            .find(
                topic,
                r -> key.equals(r.key()) && type.equals(read(r.value()).path("type").asText()));
    return read(record.value());
  }

  private static JsonNode read(String json) {
    try {
      return JSON.readTree(json);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void shouldRunAgentApprovalToolEndToEndWhenApproved() {
    UUID run = api.start(api.createTemplate(THREE_STAGES), Map.of("topic", "kafka"));
    String requestId = awaitApproval(run);
    JsonPath waiting = api.run(run);
    assertThat(waiting.getString("stages[0].output")).isEqualTo("draft: Summarise kafka");
    assertThat(waiting.getString("pipeline.currentStage")).isEqualTo("gate");

    JsonNode requested = event(Topics.APPROVAL_EVENTS, "approval.requested", user.toString());
    assertThat(requested.path("subject").asText()).isEqualTo(user.toString());
    assertThat(requested.at("/data/requestId").asText()).isEqualTo(requestId);
    assertThat(requested.at("/data/source").asText()).isEqualTo("pipeline");
    assertThat(requested.at("/data/runId").asText()).isEqualTo(run.toString());
    assertThat(requested.at("/data/stage").asText()).isEqualTo("gate");
    assertThat(requested.at("/data/question").asText())
        .isEqualTo("Publish draft: Summarise kafka?");
    assertThat(requested.at("/data/expiresAt").asText()).isNotBlank();

    resolve(requestId, user, true).statusCode(200).body("resolved", equalTo(true));
    JsonPath done = api.awaitRun(run, "completed");
    assertThat(done.getString("stages[2].output")).isEqualTo("published: draft: Summarise kafka");
    assertThat(done.getString("pipeline.completedAt")).isNotNull();
    assertThat(StubServices.startsOf(run)).hasSize(1);
    assertThat(StubServices.toolsOf(user)).hasSize(1);
    assertThat(StubServices.UNAUTHORIZED).isEmpty();
    assertThat(StubServices.toolsOf(user).get(0).arguments().path("text").asText())
        .isEqualTo("draft: Summarise kafka");
    assertThat(
            event(Topics.PIPELINE_EVENTS, "pipeline.completed", run.toString())
                .path("subject")
                .asText())
        .isEqualTo(user.toString());
    Eventually.await(
        "notifications",
        () -> api.notifications("").getList("notifications.type", String.class),
        types ->
            types.contains("pipeline.completed") && types.contains("pipeline.awaiting_approval"));
  }

  @Test
  void shouldShowAwaitingApprovalWhileItsAgentWaitsForOne() {
    UUID run =
        api.start(
            api.createTemplate(THREE_STAGES.replace("Summarise", "ASK Summarise")),
            Map.of("topic", "x"));
    JsonPath waiting = api.awaitRun(run, "awaiting_approval");
    assertThat(waiting.getString("stages[0].status")).isEqualTo("running");
    assertThat(waiting.getString("stages[0].requestId")).isNull();
    StubServices.finish(StubServices.startsOf(run).get(0).agentId(), "asked and done");
    JsonPath gate =
        Eventually.await(
            "the gate",
            () -> api.run(run),
            r -> "gate".equals(r.getString("pipeline.currentStage")));
    assertThat(gate.getString("stages[0].output")).isEqualTo("asked and done");
  }

  @Test
  void shouldWithdrawTheOpenApprovalWhenTheRunIsStopped() {
    UUID run = api.start(api.createTemplate(THREE_STAGES), Map.of("topic", "x"));
    String requestId = awaitApproval(run);
    given()
        .auth()
        .oauth2(api.token())
        .post("/api/pipelines/" + run + "/stop")
        .then()
        .statusCode(200)
        .body("status", equalTo("stopped"));
    assertThat(api.run(run).getString("stages[1].status")).isEqualTo("cancelled");
    resolve(requestId, user, true).statusCode(409).body("code", equalTo("already_resolved"));
    JsonNode resolved = event(Topics.APPROVAL_EVENTS, "approval.resolved", user.toString());
    assertThat(resolved.at("/data/requestId").asText()).isEqualTo(requestId);
    assertThat(resolved.at("/data/outcome").asText()).isEqualTo("cancelled");
    assertThat(StubServices.toolsOf(user)).isEmpty();
  }

  @Test
  void shouldFailTheRunWhenTheApprovalIsDenied() {
    UUID run = api.start(api.createTemplate(THREE_STAGES), Map.of("topic", "x"));
    String requestId = awaitApproval(run);
    resolve(requestId, user, false).statusCode(200);
    JsonPath failed = api.awaitRun(run, "failed");
    assertThat(failed.getString("pipeline.error")).contains("gate", "approval denied");
    assertThat(failed.getString("stages[1].status")).isEqualTo("failed");
    assertThat(failed.getString("stages[2].status")).isEqualTo("pending");
    assertThat(StubServices.toolsOf(user)).isEmpty();
    resolve(requestId, user, true).statusCode(409).body("code", equalTo("already_resolved"));
  }

  @Test
  void shouldAnswer404ToAnApprovalOfAnotherUserOrUnknown() {
    UUID run = api.start(api.createTemplate(THREE_STAGES), Map.of("topic", "x"));
    String requestId = awaitApproval(run);
    resolve(requestId, UUID.randomUUID(), true).statusCode(404).body("code", equalTo("not_found"));
    resolve(UUID.randomUUID().toString(), user, true).statusCode(404);
    given()
        .auth()
        .oauth2(api.token())
        .contentType(ContentType.JSON)
        .body(Map.of("userId", user.toString(), "approved", true))
        .post("/internal/approvals/" + requestId + "/resolve")
        .then()
        .statusCode(403);
    given()
        .auth()
        .oauth2(service())
        .get("/internal/approvals/pending?userId=" + user)
        .then()
        .statusCode(200)
        .body("approvals.requestId", hasItem(requestId));
  }

  @Test
  void shouldDenyAnApprovalThatExpires() {
    String template =
        THREE_STAGES.replace(
            "\"type\":\"approval\",", "\"type\":\"approval\",\"timeoutSeconds\":1,");
    UUID run = api.start(api.createTemplate(template), Map.of("topic", "x"));
    JsonPath failed = api.awaitRun(run, "failed");
    assertThat(failed.getString("pipeline.error")).contains("expired");
    resolve(failed.getString("stages[1].requestId"), user, true).statusCode(404);
  }

  @Test
  void shouldStopARunInTheMiddleAndCancelItsAgent() {
    String template = THREE_STAGES.replace("Summarise", "HOLD Summarise");
    UUID run = api.start(api.createTemplate(template), Map.of("topic", "x"));
    Eventually.await("agent started", () -> StubServices.startsOf(run), s -> s.size() == 1);
    api.awaitRun(run, "running");
    given()
        .auth()
        .oauth2(api.token())
        .post("/api/pipelines/" + run + "/stop")
        .then()
        .statusCode(200)
        .body("status", equalTo("stopped"));
    JsonPath stopped = api.run(run);
    assertThat(stopped.getString("stages[0].status")).isEqualTo("cancelled");
    assertThat(StubServices.CANCELLED).contains(StubServices.startsOf(run).get(0).agentId());
    event(Topics.PIPELINE_EVENTS, "pipeline.stopped", run.toString());
    given()
        .auth()
        .oauth2(api.token())
        .post("/api/pipelines/" + run + "/stop")
        .then()
        .statusCode(409)
        .body("code", equalTo("run_finished"));
  }

  @Test
  void shouldResumeARunWhoseReplicaDiedWithoutRerunningACompletedStage() throws Exception {
    String hold = "HOLD-" + UUID.randomUUID();
    UUID run =
        api.start(
            api.createTemplate(
                """
                {"name":"Resume","stages":[
                  {"name":"first","type":"agent","config":{"prompt":"one"}},
                  {"name":"second","type":"agent","config":{"prompt":"%s {{stages.first.output}}"}},
                  {"name":"third","type":"tool","config":{"skillId":"s","tool":"post","arguments":{"text":"{{stages.second.output}}"}}}]}
                """
                    .formatted(hold)),
            Map.of());
    Eventually.await("second agent", () -> StubServices.startsOf(run), s -> s.size() == 2);
    // The replica working on the run dies: its lease stays in the database.
    sql(
        "UPDATE pipeline_run SET lease_owner = 'dead-replica', lease_until = now() + interval '1"
            + " hour' WHERE id = ?",
        run);
    StubServices.finish(StubServices.startsOf(run).get(1).agentId(), "second done");
    Thread.sleep(1000);
    assertThat(api.run(run).getString("stages[1].status")).isEqualTo("running");
    // The lease runs out: another replica (here: this one) takes the run over.
    sql("UPDATE pipeline_run SET lease_until = now() - interval '1 second' WHERE id = ?", run);
    JsonPath done = api.awaitRun(run, "completed");
    assertThat(done.getString("stages[2].output")).isEqualTo("published: second done");
    assertThat(StubServices.startsOf(run))
        .extracting(s -> s.stage())
        .containsExactly("first", "second");
    assertThat(StubServices.toolsOf(user)).hasSize(1);
    assertThat(done.getInt("stages[0].attempts")).isEqualTo(1);
    assertThat(done.getInt("stages[1].attempts")).isEqualTo(1);
  }

  @Test
  void shouldLeaveTheAgentToTheReplicaThatTookTheRunOverWhileItStarted() throws Exception {
    StubServices.startGate = new CountDownLatch(1);
    UUID run =
        api.start(
            api.createTemplate(
                "{\"name\":\"g\",\"stages\":[{\"name\":\"a\",\"type\":\"agent\","
                    + "\"config\":{\"prompt\":\"GATED HOLD-"
                    + UUID.randomUUID()
                    + "\"}}]}"),
            Map.of());
    try {
      Eventually.await("agent started", () -> StubServices.startsOf(run), s -> s.size() == 1);
      // While this replica waits for agent-service's answer, its lease passes to another replica.
      sql(
          "UPDATE pipeline_run SET lease_owner = 'other-replica', lease_until = now() + interval"
              + " '1 hour' WHERE id = ?",
          run);
    } finally {
      StubServices.startGate.countDown();
    }
    String agentId = StubServices.startsOf(run).get(0).agentId();
    Thread.sleep(1000);
    assertThat(StubServices.CANCELLED).doesNotContain(agentId);
    // The other replica dies too; this one takes over, starts with the same key, gets the agent.
    StubServices.finish(agentId, "kept");
    sql("UPDATE pipeline_run SET lease_until = now() - interval '1 second' WHERE id = ?", run);
    JsonPath done = api.awaitRun(run, "completed");
    assertThat(done.getString("stages[0].output")).isEqualTo("kept");
    assertThat(done.getInt("stages[0].attempts")).isEqualTo(1);
    assertThat(StubServices.startsOf(run)).hasSize(1);
    assertThat(StubServices.CANCELLED).doesNotContain(agentId);
  }

  @Test
  void shouldRetryAFailingAgentStageThenFailTheRun() {
    UUID run =
        api.start(
            api.createTemplate(
                "{\"name\":\"f\",\"stages\":[{\"name\":\"a\",\"type\":\"agent\",\"maxRetries\":1,"
                    + "\"config\":{\"prompt\":\"FAIL please\"}}]}"),
            Map.of());
    JsonPath failed = api.awaitRun(run, "failed");
    assertThat(failed.getInt("stages[0].attempts")).isEqualTo(2);
    assertThat(failed.getString("stages[0].error")).isEqualTo("the model refused");
    assertThat(StubServices.startsOf(run))
        .extracting(s -> s.key())
        .containsExactly(run + ":a:1", run + ":a:2");
    event(Topics.PIPELINE_EVENTS, "pipeline.failed", run.toString());
    JsonPath notified =
        Eventually.await(
            "failure notification",
            () -> api.notifications(""),
            n -> n.getList("notifications.type", String.class).contains("pipeline.failed"));
    assertThat(notified.getString("notifications[0].body")).contains("the model refused");
  }

  @Test
  void shouldCountAToolCallCutByADeadReplicaAsAFailedAttempt() throws Exception {
    UUID run =
        api.start(
            api.createTemplate(
                """
                {"name":"Cut","stages":[
                  {"name":"wait","type":"approval","config":{"question":"?"}},
                  {"name":"call","type":"tool","maxRetries":1,"config":{"skillId":"s","tool":"post","arguments":{"text":"again"}}}]}
                """),
            Map.of());
    api.awaitRun(run, "awaiting_approval");
    // As a replica that died during the tool call leaves it: stage running, attempt counted.
    sql(
        "UPDATE pipeline_stage SET status = 'running', attempts = 1, attempt_started_at = now()"
            + " WHERE run_id = ? AND idx = 1",
        run);
    sql(
        "UPDATE pipeline_run SET current_stage = 1, current_stage_name = 'call', status ="
            + " 'running', next_check_at = now(), lease_owner = 'dead', lease_until = now() -"
            + " interval '1 second' WHERE id = ?",
        run);
    JsonPath done = api.awaitRun(run, "completed");
    assertThat(done.getInt("stages[1].attempts")).isEqualTo(2);
    assertThat(StubServices.toolsOf(user)).hasSize(1);
  }

  @Test
  void shouldNotRegisterTheClientConnectionsGaugeQuarkusWouldRegisterTwice() {
    UUID run =
        api.start(
            api.createTemplate(
                "{\"name\":\"g\",\"stages\":[{\"name\":\"t\",\"type\":\"tool\","
                    + "\"config\":{\"skillId\":\"s\",\"tool\":\"post\",\"arguments\":{\"text\":\"x\"}}}]}"),
            Map.of());
    api.awaitRun(run, "completed");
    assertThat(meters.find("http.server.requests").meters()).isNotEmpty();
    assertThat(meters.getMeters())
        .filteredOn(
            m ->
                m.getId().getType() == io.micrometer.core.instrument.Meter.Type.GAUGE
                    && m.getId()
                        .getName()
                        .startsWith(
                            io.switchboard.defaults.metrics.ClientMetricsFilter.CLIENT_GAUGES))
        .as("denied, so Micrometer never warns that they were registered twice")
        .isEmpty();
  }

  @Test
  void shouldFailTheRunWhenTheToolAnswersAnError() {
    UUID run =
        api.start(
            api.createTemplate(
                "{\"name\":\"f\",\"stages\":[{\"name\":\"t\",\"type\":\"tool\","
                    + "\"config\":{\"skillId\":\"s\",\"tool\":\"fail\"}}]}"),
            Map.of());
    JsonPath failed = api.awaitRun(run, "failed");
    assertThat(failed.getString("stages[0].error")).isEqualTo("tool failed");
    assertThat(failed.getString("pipeline.error")).isEqualTo("Stage 't' failed: tool failed");
  }

  private UUID askingToolRun() {
    return api.start(
        api.createTemplate(
            "{\"name\":\"a\",\"stages\":[{\"name\":\"t\",\"type\":\"tool\","
                + "\"config\":{\"skillId\":\"s\",\"tool\":\"ask\",\"arguments\":{\"x\":1}}}]}"),
        Map.of());
  }

  @Test
  void shouldWaitForTheUsersApprovalOfAToolAndRunItOnceApproved() {
    UUID run = askingToolRun();
    JsonPath waiting = api.awaitRun(run, "awaiting_approval");
    assertThat(waiting.getString("stages[0].status")).isEqualTo("awaiting_approval");
    String requestId = waiting.getString("stages[0].requestId");
    assertThat(StubServices.SKILL_APPROVALS).containsEntry(requestId, "pending");
    Eventually.await(
        "awaiting-approval notification",
        () -> api.notifications(""),
        n -> n.getList("notifications.type", String.class).contains("pipeline.awaiting_approval"));

    StubServices.answer(requestId, "approved");

    JsonPath done = api.awaitRun(run, "completed");
    assertThat(done.getString("stages[0].output")).isEqualTo("asked and ran");
    assertThat(done.getInt("stages[0].attempts")).isEqualTo(1);
    var calls = StubServices.toolsOf(user);
    assertThat(calls).hasSize(2);
    assertThat(calls.get(0).approvalRequestId()).isNull();
    assertThat(calls.get(1).approvalRequestId()).isEqualTo(requestId);
    assertThat(calls.get(1).arguments()).isEqualTo(calls.get(0).arguments());
    assertThat(StubServices.SKILL_APPROVALS).containsEntry(requestId, "used");
  }

  @Test
  void shouldFailTheRunWhenTheUserDeniesTheToolCall() {
    UUID run = askingToolRun();
    String requestId = api.awaitRun(run, "awaiting_approval").getString("stages[0].requestId");

    StubServices.answer(requestId, "denied");

    JsonPath failed = api.awaitRun(run, "failed");
    assertThat(failed.getString("stages[0].status")).isEqualTo("failed");
    assertThat(failed.getString("stages[0].error")).isEqualTo("the user denied the tool call");
    assertThat(StubServices.toolsOf(user)).hasSize(1);
  }

  @Test
  void shouldFailTheRunWhenTheToolApprovalExpires() {
    UUID run = askingToolRun();
    String requestId = api.awaitRun(run, "awaiting_approval").getString("stages[0].requestId");

    StubServices.answer(requestId, "expired");

    assertThat(api.awaitRun(run, "failed").getString("stages[0].error"))
        .isEqualTo("approval expired (denied)");
  }

  @Test
  void shouldWithdrawTheToolApprovalWhenTheRunIsStopped() {
    UUID run = askingToolRun();
    String requestId = api.awaitRun(run, "awaiting_approval").getString("stages[0].requestId");

    given()
        .auth()
        .oauth2(api.token())
        .post("/api/pipelines/" + run + "/stop")
        .then()
        .statusCode(200)
        .body("status", equalTo("stopped"));

    assertThat(StubServices.WITHDRAWN).contains(requestId);
    assertThat(api.run(run).getString("stages[0].status")).isEqualTo("cancelled");
    assertThat(StubServices.toolsOf(user)).hasSize(1);
  }

  @Test
  void shouldRunANotifyStageAndRefuseToStopTheFinishedRun() {
    UUID run =
        api.start(
            api.createTemplate(
                "{\"name\":\"n\",\"stages\":[{\"name\":\"hello\",\"type\":\"notify\","
                    + "\"config\":{\"title\":\"Hi {{input.who}}\",\"body\":\"b\"}}]}"),
            Map.of("who", "Ada"));
    api.awaitRun(run, "completed");
    assertThat(api.notifications("").getList("notifications.title", String.class))
        .contains("Hi Ada");
    given()
        .auth()
        .oauth2(api.token())
        .post("/api/pipelines/" + run + "/stop")
        .then()
        .statusCode(409)
        .body("code", equalTo("run_finished"));
  }

  @Test
  void shouldAnswer404WhenStartingAnotherUsersTemplate() {
    UUID theirs = new Api(UUID.randomUUID()).createTemplate(THREE_STAGES);
    given()
        .auth()
        .oauth2(api.token())
        .contentType(ContentType.JSON)
        .body(Map.of("templateId", theirs.toString(), "input", Map.of("topic", "x")))
        .post("/api/pipelines")
        .then()
        .statusCode(404)
        .body("code", equalTo("not_found"));
  }

  @Test
  void shouldAnswer404ForAnotherUsersRun() {
    UUID run = api.start(api.createTemplate(THREE_STAGES), Map.of("topic", "x"));
    Api other = new Api(UUID.randomUUID());
    given().auth().oauth2(other.token()).get("/api/pipelines/" + run).then().statusCode(404);
    given()
        .auth()
        .oauth2(other.token())
        .post("/api/pipelines/" + run + "/stop")
        .then()
        .statusCode(404);
  }

  @Test
  void shouldRefuseAStartWithoutTheInputTheTemplateNeeds() {
    given()
        .auth()
        .oauth2(api.token())
        .contentType(ContentType.JSON)
        .body(Map.of("templateId", api.createTemplate(THREE_STAGES).toString()))
        .post("/api/pipelines")
        .then()
        .statusCode(422)
        .body("code", equalTo("missing_input"))
        .body("errors.field", hasItem("input.topic"));
  }

  @Test
  void shouldRefuseAStartWithoutATemplateId() {
    given()
        .auth()
        .oauth2(api.token())
        .contentType(ContentType.JSON)
        .body("{}")
        .post("/api/pipelines")
        .then()
        .statusCode(400)
        .body("code", equalTo("validation_failed"));
  }

  @Test
  void shouldStartOnceForARepeatedIdempotencyKey() {
    UUID template = api.createTemplate(THREE_STAGES);
    String body = "{\"templateId\":\"" + template + "\",\"input\":{\"topic\":\"x\"}}";
    String first =
        given()
            .auth()
            .oauth2(api.token())
            .contentType(ContentType.JSON)
            .header("Idempotency-Key", "k-1")
            .body(body)
            .post("/api/pipelines")
            .then()
            .statusCode(201)
            .extract()
            .path("id");
    given()
        .auth()
        .oauth2(api.token())
        .contentType(ContentType.JSON)
        .header("Idempotency-Key", "k-1")
        .body(body)
        .post("/api/pipelines")
        .then()
        .statusCode(201)
        .header("Idempotent-Replayed", "true")
        .body("id", equalTo(first));
    given()
        .auth()
        .oauth2(api.token())
        .get("/api/pipelines")
        .then()
        .statusCode(200)
        .body("total", equalTo(1))
        .body("pipelines[0].id", equalTo(first))
        .body("pipelines[0].name", equalTo("Release"));
  }

  private void sql(String statement, UUID run) throws Exception {
    try (Connection c = dataSource.getConnection();
        PreparedStatement p = c.prepareStatement(statement)) {
      p.setObject(1, run);
      assertThat(p.executeUpdate()).isEqualTo(1);
    }
  }
}
