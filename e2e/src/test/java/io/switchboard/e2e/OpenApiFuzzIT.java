package io.switchboard.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Hostile input over every operation of the merged OpenAPI document (issue 11): for each one,
 * generated bad requests — wrong JSON types, missing and null fields, huge and odd unicode strings,
 * deeply nested JSON, a wrong content type, bad paging and path values — sent by a real user
 * through the gateway. No answer may be a 5xx the operation does not document, and every error must
 * be problem+json with its status and a code.
 */
class OpenApiFuzzIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String HUGE = "x".repeat(100_000);
  private static final String ODD = "\u0000\u202e\ud83d\ude00' OR 1=1 --\"<script>../../etc/passwd";
  private static final AtomicInteger SENT = new AtomicInteger();
  private static final AtomicInteger REFUSED = new AtomicInteger();

  private static JsonNode openapi;
  private static String userToken;
  private static String adminToken;

  @TestFactory
  Stream<DynamicTest> everyOperationSurvivesHostileInput() throws Exception {
    SharedStack.get();
    openapi = JSON.readTree(given().accept("application/json").get("/openapi").asString());
    UUID admin = UUID.randomUUID();
    adminToken = SharedStack.tokens().valid(admin);
    userToken = SharedStack.register("fuzz");
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
        tests.add(
            DynamicTest.dynamicTest(
                method + " " + path.getKey(), () -> attack(method, path.getKey(), op.getValue())));
      }
    }
    assertThat(tests).as("operations in the merged document").hasSizeGreaterThan(10);
    return tests.stream();
  }

  @AfterAll
  static void report() {
    System.out.printf(
        "[e2e] OpenAPI fuzz: %d hostile requests, %d refused with a 4xx problem, 0 server errors%n",
        SENT.get(), REFUSED.get());
  }

  private static void attack(String method, String template, JsonNode operation) {
    List<String> failures = new ArrayList<>();
    JsonNode schema =
        resolve(
            operation.path("requestBody").path("content").path("application/json").path("schema"));
    List<Map.Entry<String, Object>> bodies = new ArrayList<>();
    if (!schema.isMissingNode()) {
      bodies.add(Map.entry("empty object", Map.of()));
      bodies.add(Map.entry("JSON null", "null"));
      bodies.add(Map.entry("an array", List.of(1, 2)));
      bodies.add(Map.entry("deeply nested", "[".repeat(5_000) + "]".repeat(5_000)));
      bodies.add(Map.entry("truncated", "{\"a\":"));
      Iterator<Map.Entry<String, JsonNode>> props = schema.path("properties").fields();
      while (props.hasNext()) {
        Map.Entry<String, JsonNode> prop = props.next();
        JsonNode type = resolve(prop.getValue()).path("type");
        Object wrong = "string".equals(type.asText()) ? 12345 : "not-a-" + type.asText("value");
        bodies.add(Map.entry(prop.getKey() + " of the wrong type", Map.of(prop.getKey(), wrong)));
        bodies.add(Map.entry(prop.getKey() + " huge", Map.of(prop.getKey(), HUGE)));
        bodies.add(Map.entry(prop.getKey() + " odd unicode", Map.of(prop.getKey(), ODD)));
      }
    } else if (!method.equals("GET") && !method.equals("DELETE")) {
      bodies.add(Map.entry("no body expected, junk sent", "{\"unexpected\":true}"));
    }
    for (String path : paths(template)) {
      send(method, path, operation, "no body", null, null, failures);
      for (Map.Entry<String, Object> body : bodies) {
        send(method, path, operation, body.getKey(), body.getValue(), "application/json", failures);
      }
      if (!schema.isMissingNode()) {
        send(method, path, operation, "wrong content type", "name=x", "text/plain", failures);
      }
      if (method.equals("GET")) {
        for (String query :
            List.of("?limit=abc", "?limit=-1", "?limit=100000", "?offset=-5", "?after=zz")) {
          send(method, path + query, operation, "query " + query, null, null, failures);
        }
      }
    }
    assertThat(failures).isEmpty();
  }

  /**
   * The template with each path parameter filled: a random UUID, then something that is not one.
   */
  private static List<String> paths(String template) {
    if (!template.contains("{")) {
      return List.of(template);
    }
    return List.of(
        template.replaceAll("\\{[^}]+}", UUID.randomUUID().toString()),
        template.replaceAll("\\{[^}]+}", "not-a-uuid%20%E2%80%AE"),
        template.replaceAll("\\{[^}]+}", "x".repeat(300)));
  }

  private static void send(
      String method,
      String path,
      JsonNode operation,
      String what,
      Object body,
      String contentType,
      List<String> failures) {
    // The minted token belongs to no account: signing it out (logout) costs the run nothing.
    boolean spare = path.contains("/admin") || path.contains("logout") || method.equals("DELETE");
    String token = spare ? adminToken : userToken;
    RequestSpecification request = given().auth().oauth2(token).urlEncodingEnabled(false);
    if (body != null) {
      request = request.contentType(contentType == null ? "application/json" : contentType);
      request = body instanceof String text ? request.body(text) : request.body(body);
    }
    Response response;
    try {
      response = request.request(method, path);
    } catch (RuntimeException e) {
      failures.add(what + " on " + method + " " + path + ": no answer (" + e.getMessage() + ")");
      return;
    }
    SENT.incrementAndGet();
    int status = response.statusCode();
    String where = what + " on " + method + " " + abbreviate(path) + " → " + status;
    if (status >= 500 && !operation.path("responses").has(Integer.toString(status))) {
      failures.add(where + ": " + abbreviate(response.asString()));
      return;
    }
    if (status >= 400) {
      REFUSED.incrementAndGet();
      String type = response.contentType();
      if (type == null || !type.startsWith("application/problem+json")) {
        failures.add(where + ": not problem+json but " + type);
        return;
      }
      Integer bodyStatus = response.path("status");
      String code = response.path("code");
      if (bodyStatus == null || bodyStatus != status || code == null || code.isBlank()) {
        failures.add(
            where + ": problem without matching status/code: " + abbreviate(response.asString()));
      }
      String text = response.asString();
      if (text.contains("Exception") || text.contains("\tat ")) {
        failures.add(where + ": internals in the answer: " + abbreviate(text));
      }
    }
  }

  private static JsonNode resolve(JsonNode schema) {
    JsonNode current = schema;
    for (int i = 0; i < 10 && current.has("$ref"); i++) {
      String ref = current.path("$ref").asText();
      current = openapi.at(ref.substring(1));
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
