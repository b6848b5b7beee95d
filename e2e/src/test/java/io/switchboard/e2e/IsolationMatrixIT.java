package io.switchboard.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.switchboard.e2e.IsolationRules.Rule;
import io.switchboard.e2e.IsolationRules.Scope;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Isolation (issue 11): user A creates one of each resource; then, for every operation of the
 * merged OpenAPI document, user B tries A's ids — in the path ({@link IsolationRules}), in body and
 * query fields that reference a resource ({@link IsolationRules#REFERENCES}) — and every list B
 * reads must show nothing of A's. Refused means 404 (or 403), answered exactly as for an id that
 * does not exist; afterwards A finds every resource unchanged. The WebSocket half: B subscribed to
 * A's agent gets nothing while it runs, and cannot message it.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class IsolationMatrixIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  static final AtomicInteger TRIED = new AtomicInteger();
  static final AtomicInteger REFUSED = new AtomicInteger();
  static final AtomicInteger REFUSED_BEFORE_LOOKUP = new AtomicInteger();
  static final AtomicInteger LISTS = new AtomicInteger();

  private static JsonNode openapi;
  private static IsolationFixture alice;
  private static String bob;
  private static String modelName;

  static synchronized void setUp() throws Exception {
    if (alice != null) {
      return;
    }
    SharedStack.get();
    openapi = JSON.readTree(given().accept("application/json").get("/openapi").asString());
    alice = new IsolationFixture(SharedStack.register("isoa")).create();
    bob = SharedStack.register("isob");
    List<String> roles =
        given()
            .auth()
            .oauth2(bob)
            .get("/api/auth/me")
            .then()
            .statusCode(200)
            .extract()
            .path("roles");
    // B must be a plain user: the matrix sends B's writes to the global catalog too.
    assertThat(roles).doesNotContain("admin");
    List<String> models =
        given().auth().oauth2(bob).get("/api/models").then().extract().path("models.name");
    modelName = models == null || models.isEmpty() ? "local" : models.get(0);
  }

  @TestFactory
  @Order(1)
  Stream<DynamicTest> everyOperationRefusesAnotherUsersResources() throws Exception {
    setUp();
    List<DynamicTest> tests = new ArrayList<>();
    Iterator<Map.Entry<String, JsonNode>> paths = openapi.path("paths").fields();
    while (paths.hasNext()) {
      Map.Entry<String, JsonNode> path = paths.next();
      Iterator<Map.Entry<String, JsonNode>> operations = path.getValue().fields();
      while (operations.hasNext()) {
        Map.Entry<String, JsonNode> op = operations.next();
        String method = op.getKey().toUpperCase();
        if (!List.of("GET", "POST", "PUT", "PATCH", "DELETE").contains(method)) {
          continue;
        }
        String name = method + " " + path.getKey();
        tests.add(DynamicTest.dynamicTest(name, () -> check(method, path.getKey(), op.getValue())));
      }
    }
    assertThat(tests).as("operations in the merged document").hasSizeGreaterThan(40);
    return tests.stream();
  }

  @Test
  @Order(2)
  void shouldLeaveEveryOneOfAsResourcesAsItWas() throws Exception {
    setUp();
    Map<String, String> ids = alice.ids;
    // The one write of the document B may send without naming anything: it must stay B's own.
    given().auth().oauth2(bob).post("/api/notifications/read-all").then().statusCode(200);
    assertThat(alice.get("/api/agents/" + ids.get("agent")).getString("status"))
        .isEqualTo("awaiting_approval");
    assertThat(alice.get("/api/sessions/" + ids.get("session")).getString("id"))
        .isEqualTo(ids.get("session"));
    var credential =
        alice
            .get("/api/vault")
            .getList("credentials.findAll { it.id == '" + ids.get("credential") + "' }");
    assertThat(credential).hasSize(1);
    assertThat(alice.get("/api/vault").getInt("credentials[0].version")).isEqualTo(1);
    assertThat(alice.get("/api/vault").getString("credentials[0].name"))
        .isEqualTo(alice.marker + "-key");
    var hook = alice.get("/api/hooks/" + ids.get("hook"));
    assertThat(hook.getString("name")).isEqualTo(alice.marker + "-hook");
    assertThat(hook.getBoolean("enabled")).isTrue();
    assertThat(alice.get("/api/pipelines/" + ids.get("run")).getString("pipeline.status"))
        .isEqualTo("awaiting_approval");
    assertThat(alice.get("/api/pipelines/templates").getList("templates.name"))
        .contains(alice.marker + "-template");
    assertThat(
            alice
                .get("/api/notifications")
                .getBoolean(
                    "notifications.find { it.id == '" + ids.get("notification") + "' }.read"))
        .isFalse();
    assertThat(alice.get("/api/chat/approvals/pending").getList("approvals.requestId"))
        .contains(ids.get("chatApproval"));
    assertThat(
            alice
                .get("/api/skills/permissions")
                .getString("permissions.find { it.skillId == 'time' && it.action == 'now' }.level"))
        .isEqualTo("ask");
  }

  @Test
  @Order(3)
  void shouldDeliverNothingOfAsAgentToBsSubscriptionNorLetBMessageIt() throws Exception {
    setUp();
    String gateway = SharedStack.get().gatewayUrl();
    String agent =
        alice
            .as()
            .body(Map.of("name", alice.marker + "-live"))
            .post("/api/agents")
            .then()
            .statusCode(201)
            .extract()
            .path("id");
    String all =
        "\"agent.status\",\"agent.message\",\"agent.tool_call\",\"notification\","
            + "\"approval.requested\",\"pipeline.status\"";
    try (WsProbe a = WsProbe.open(gateway, alice.token);
        WsProbe b = WsProbe.open(gateway, bob)) {
      a.send("{\"type\":\"subscribe\",\"channels\":[" + all + "]}");
      a.await(WsProbe.type("subscribed"));
      // B asks for A's agent by id, and for everything of every channel.
      b.send("{\"type\":\"subscribe\",\"channels\":[" + all + "],\"agentId\":\"" + agent + "\"}");
      b.await(WsProbe.type("subscribed"));
      b.send("{\"type\":\"subscribe\",\"channels\":[" + all + "]}");
      b.await(WsProbe.type("subscribed"));

      b.send(
          "{\"type\":\"message\",\"agentId\":\"" + agent + "\",\"content\":\"hi\",\"id\":\"b1\"}");
      JsonNode answer = b.await(f -> f.path("id").asText().equals("b1"));
      assertThat(answer.path("type").asText()).isEqualTo("error");
      assertThat(answer.path("code").asText()).isEqualTo("not_found");

      alice
          .as()
          .body(Map.of("message", "hello " + alice.marker))
          .post("/api/agents/" + agent + "/message")
          .then()
          .statusCode(202);
      List<JsonNode> seenByA = new ArrayList<>();
      a.await(
          f ->
              f.path("type").asText().equals("agent.message")
                  && f.path("agentId").asText().equals(agent)
                  && f.path("data").path("role").asText().equals("assistant"),
          seenByA);
      assertThat(seenByA).as("A's own socket got the run's events").isNotEmpty();
      // Every event A got was routed before this ping is answered on B's socket.
      b.send("{\"type\":\"ping\"}");
      List<JsonNode> seenByB = new ArrayList<>();
      b.await(WsProbe.type("pong"), seenByB);
      assertThat(seenByB).as("frames B got while A's agent ran").isEmpty();
      assertThat(b.frames).isEmpty();
    }
  }

  @AfterAll
  static void report() {
    System.out.printf(
        "[e2e] isolation matrix: %d cross-user requests, %d refused 404/403, %d refused before"
            + " lookup (same answer as a missing id), %d lists read as the other user%n",
        TRIED.get(), REFUSED.get(), REFUSED_BEFORE_LOOKUP.get(), LISTS.get());
  }

  private static void check(String method, String template, JsonNode operation) {
    List<String> failures = new ArrayList<>();
    JsonNode schema =
        resolve(
            operation.path("requestBody").path("content").path("application/json").path("schema"));
    if (template.contains("{")) {
      String key = method + " " + template;
      if (IsolationRules.EXCLUDED.containsKey(key)) {
        return; // see the reason in IsolationRules.EXCLUDED
      }
      Rule rule = IsolationRules.find(template);
      assertThat(rule)
          .as("%s has a path parameter no isolation rule fills: add one to IsolationRules", key)
          .isNotNull();
      String path = fill(template, rule, false);
      Object body = schema.isMissingNode() ? null : body(method, template, schema, null, null);
      if (rule.scope() == Scope.OWNED) {
        refused(method, path, fill(template, rule, true), body, failures);
      } else {
        Response response = send(bob, method, path, body);
        noLeak(method + " " + path, response, null, failures);
      }
    }
    // Resource references in the body: every one B can name is tried with A's ids.
    for (String field : references(schema)) {
      for (String kind : IsolationRules.REFERENCES.get(field)) {
        String path =
            template.contains("{")
                ? fill(template, IsolationRules.find(template), false)
                : template;
        Object mine = body(method, template, schema, field, alice.ids.get(kind));
        Object missing = body(method, template, schema, field, UUID.randomUUID().toString());
        refusedBody(method, path, mine, missing, field, alice.ids.get(kind), failures);
      }
    }
    // Lists (and every other read): nothing of A's, also when B filters by A's ids.
    if (method.equals("GET") && !template.contains("{")) {
      LISTS.incrementAndGet();
      noLeak("GET " + template, send(bob, "GET", template, null), null, failures);
      for (JsonNode parameter : operation.path("parameters")) {
        String name = parameter.path("name").asText();
        if ("query".equals(parameter.path("in").asText())
            && IsolationRules.REFERENCES.containsKey(name)) {
          for (String kind : IsolationRules.REFERENCES.get(name)) {
            String path = template + "?" + name + "=" + alice.ids.get(kind);
            LISTS.incrementAndGet();
            noLeak("GET " + path, send(bob, "GET", path, null), alice.ids.get(kind), failures);
          }
        }
      }
    }
    assertThat(failures).isEmpty();
  }

  /** B on A's resource must get what B gets for an id that does not exist: 404 (or 403). */
  private static void refused(
      String method, String path, String missingPath, Object body, List<String> failures) {
    TRIED.incrementAndGet();
    Response theirs = send(bob, method, path, body);
    Response missing = send(bob, method, missingPath, body);
    judge(method + " " + path, theirs, missing, null, failures);
  }

  private static void refusedBody(
      String method,
      String path,
      Object mine,
      Object missing,
      String field,
      String id,
      List<String> failures) {
    TRIED.incrementAndGet();
    Response theirs = send(bob, method, path, mine);
    Response none = send(bob, method, path, missing);
    judge(method + " " + path + " with A's " + field, theirs, none, id, failures);
  }

  private static void judge(
      String where, Response theirs, Response missing, String sent, List<String> failures) {
    int status = theirs.statusCode();
    noLeak(where, theirs, sent, failures);
    if (status == 404 || status == 403) {
      REFUSED.incrementAndGet();
    } else if (status >= 400 && status < 500) {
      REFUSED_BEFORE_LOOKUP.incrementAndGet();
    } else {
      failures.add(
          where + ": another user's resource answered " + status + " " + theirs.asString());
      return;
    }
    if (status != missing.statusCode()
        || !String.valueOf((Object) theirs.path("code"))
            .equals(String.valueOf((Object) missing.path("code")))) {
      failures.add(
          where
              + ": answered "
              + status
              + " "
              + theirs.path("code")
              + " but "
              + missing.statusCode()
              + " "
              + missing.path("code")
              + " for an id that does not exist (reveals that it exists)");
    }
  }

  /**
   * B's answer must carry no id, name or value of A's (other than the one B sent: in the path, or
   * {@code sent}).
   */
  private static void noLeak(String where, Response response, String sent, List<String> failures) {
    int status = response.statusCode();
    if (status >= 500 && status != 502 && status != 503) {
      // 502/503: a dependency outside the platform (e.g. no Ollama server here), per API.md
      failures.add(where + ": " + status + " " + response.asString());
      return;
    }
    String text = response.asString();
    if (text.contains(alice.marker)) {
      failures.add(where + ": shows A's marked data: " + abbreviate(text));
    }
    for (Map.Entry<String, String> id : alice.ids.entrySet()) {
      if (text.contains(id.getValue())
          && !where.contains(id.getValue())
          && !id.getValue().equals(sent)) {
        failures.add(where + ": shows A's " + id.getKey() + " id: " + abbreviate(text));
      }
    }
  }

  private static Response send(String token, String method, String path, Object body) {
    RequestSpecification request = given().auth().oauth2(token).urlEncodingEnabled(false);
    if (body != null) {
      request = request.contentType("application/json").body(body);
    }
    return request.request(method, path);
  }

  private static String fill(String template, Rule rule, boolean missing) {
    String path = template;
    for (Map.Entry<String, String> param : rule.params().entrySet()) {
      String value = param.getValue();
      String filled;
      if (value.startsWith("=")) {
        filled = value.substring(1);
      } else if (value.equals("model")) {
        filled = modelName;
      } else {
        filled = missing ? UUID.randomUUID().toString() : alice.ids.get(value);
      }
      path = path.replace("{" + param.getKey() + "}", filled);
    }
    assertThat(path).as("every parameter of %s filled", template).doesNotContain("{");
    return path;
  }

  /** Top-level body fields that reference a resource. */
  private static List<String> references(JsonNode schema) {
    List<String> fields = new ArrayList<>();
    schema
        .path("properties")
        .fieldNames()
        .forEachRemaining(
            name -> {
              if (IsolationRules.REFERENCES.containsKey(name)) {
                fields.add(name);
              }
            });
    return fields;
  }

  /**
   * A body the operation accepts as far as possible: the body A created the resource with (for a
   * replace of it), otherwise the required fields (or the first one) with plain values; {@code
   * field} set to {@code value} when given.
   */
  private static Object body(
      String method, String template, JsonNode schema, String field, String value) {
    Map<String, Object> body = new LinkedHashMap<>();
    String collection = template.replaceAll("/\\{[^}]+}$", "");
    if (method.equals("PUT") && alice.createBodies.containsKey(collection)) {
      body.putAll(alice.createBodies.get(collection));
    } else {
      List<String> names = new ArrayList<>();
      schema.path("required").forEach(n -> names.add(n.asText()));
      if (names.isEmpty() && schema.path("properties").size() > 0) {
        names.add(schema.path("properties").fieldNames().next());
      }
      for (String name : names) {
        body.put(name, sample(resolve(schema.path("properties").path(name))));
      }
    }
    if (field != null) {
      body.put(field, value);
    }
    return body;
  }

  private static Object sample(JsonNode property) {
    if (property.has("enum")) {
      return JSON.convertValue(property.path("enum").get(0), Object.class);
    }
    return switch (property.path("type").asText()) {
      case "integer", "number" -> 1;
      case "boolean" -> true;
      case "array" -> List.of();
      case "object" -> Map.of();
      default ->
          "uuid".equals(property.path("format").asText())
              ? UUID.randomUUID().toString()
              : "isolation";
    };
  }

  private static JsonNode resolve(JsonNode schema) {
    JsonNode current = schema;
    for (int i = 0; i < 10 && current.has("$ref"); i++) {
      current = openapi.at(current.path("$ref").asText().substring(1));
    }
    if (current.has("allOf") && current.path("allOf").size() == 1) {
      return resolve(current.path("allOf").get(0));
    }
    return current;
  }

  private static String abbreviate(String text) {
    return text.length() > 300 ? text.substring(0, 300) + "…" : text;
  }
}
