package io.switchboard.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.not;

import io.restassured.config.HttpClientConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.path.json.JsonPath;
import io.switchboard.launcher.Stack;
import io.switchboard.testing.HostileTokens;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The whole suite, started by the launcher exactly as {@code ./switchboard up} starts it (on ports
 * of its own), checked only through the gateway.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SwitchboardStackIT {

  private static final List<String> SERVICES =
      List.of(
          "auth-service",
          "agent-service",
          "model-service",
          "skill-service",
          "vault-service",
          "pipeline-service");
  private static final UUID ALICE = UUID.randomUUID();

  private static Stack stack;
  private static StackTokens tokens;

  @BeforeAll
  static void startTheStack() throws Exception {
    stack = SharedStack.get();
    tokens = SharedStack.tokens();
  }

  @Test
  @Order(1)
  void shouldServeTheFourHealthEndpoints() {
    given().get("/health").then().statusCode(200).body("status", equalTo("UP"));
    given().get("/health/live").then().statusCode(200).body("status", equalTo("UP"));
    given().get("/health/ready").then().statusCode(200).body("status", equalTo("UP"));
    given().get("/health/started").then().statusCode(200).body("status", equalTo("UP"));
  }

  @Test
  @Order(2)
  void shouldListSixServicesUpWithTheirLatencies() {
    given()
        .get("/health/detailed")
        .then()
        .statusCode(200)
        .body("status", equalTo("UP"))
        .body("services.name", containsInAnyOrder(SERVICES.toArray()))
        .body("services.status", everyItem(equalTo("UP")))
        .body("services.latencyMs", everyItem(greaterThanOrEqualTo(0)))
        .body("services.checkedAt", everyItem(not(equalTo(null))));
  }

  @Test
  @Order(3)
  void shouldServeSwaggerOverOneMergedDocument() {
    given().get("/swagger").then().statusCode(200).body(containsString("swagger-ui"));
    JsonPath openapi =
        given()
            .accept("application/json")
            .get("/openapi")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertThat(openapi.getString("openapi")).startsWith("3.");
    Map<String, Object> paths = openapi.getMap("paths");
    assertThat(paths).containsKeys("/.well-known/jwks.json", "/api/auth/login", "/api/vault");
    assertThat(paths.keySet())
        .noneMatch(path -> path.startsWith("/internal") || path.startsWith("/health"));
    assertThat(openapi.getList("x-switchboard-missing")).isNullOrEmpty();
  }

  @Test
  @Order(4)
  void shouldRouteTheJwksToAuthService() {
    given()
        .get("/.well-known/jwks.json")
        .then()
        .statusCode(200)
        .body("keys[0].kty", equalTo("RSA"))
        .body("keys[0]", not(hasKey("d")));
  }

  @Test
  @Order(5)
  void shouldRejectAProtectedPathWithoutAToken() {
    given()
        .get("/api/agents")
        .then()
        .statusCode(401)
        .contentType("application/problem+json")
        .header("WWW-Authenticate", "Bearer")
        .body("code", equalTo("unauthenticated"));
  }

  @Test
  @Order(6)
  void shouldRejectGarbageExpiredAndForeignTokens() throws Exception {
    for (String token : List.of("garbage", tokens.expired(ALICE), tokens.signedByStranger(ALICE))) {
      given()
          .auth()
          .oauth2(token)
          .get("/api/agents")
          .then()
          .statusCode(401)
          .contentType("application/problem+json")
          .body("code", equalTo("invalid_token"));
    }
  }

  @Test
  @Order(6)
  void shouldRefuseEveryHostileTokenAtTheGatewayAndAtAServiceDirectly() throws Exception {
    HostileTokens hostile = tokens.hostile();
    given().auth().oauth2(hostile.valid()).get("/api/auth/me").then().statusCode(404);
    for (Map.Entry<String, String> attack : hostile.all().entrySet()) {
      for (String base : List.of(stack.gatewayUrl(), stack.url("auth-service"))) {
        given()
            .baseUri(base)
            .auth()
            .oauth2(attack.getValue())
            .get("/api/auth/me")
            .then()
            .statusCode(401)
            .body("code", equalTo("invalid_token"));
      }
    }
  }

  @Test
  @Order(7)
  void shouldCarryAValidTokenThroughToTheOwningService() throws Exception {
    given()
        .auth()
        .oauth2(tokens.valid(ALICE))
        .header("X-Request-Id", "e2e-route-1")
        .get("/api/agents/route-check")
        .then()
        .header("X-Request-Id", "e2e-route-1")
        .contentType("application/problem+json")
        .body("instance", equalTo("/api/agents/route-check"))
        .body("requestId", equalTo("e2e-route-1"));
  }

  @Test
  @Order(8)
  void shouldAnswerUnknownPathsWithAProblem() {
    given()
        .get("/no/such/thing")
        .then()
        .statusCode(404)
        .contentType("application/problem+json")
        .body("code", equalTo("not_found"));
  }

  @Test
  @Order(9)
  void shouldNeverRouteInternalPaths() throws Exception {
    for (String path : List.of("/internal/link-codes", "/api/internal/link-codes")) {
      given()
          .auth()
          .oauth2(tokens.valid(ALICE))
          .contentType("application/json")
          .body("{}")
          .post(path)
          .then()
          .statusCode(404)
          .contentType("application/problem+json");
    }
  }

  @Test
  @Order(10)
  void shouldRegisterSignInAndSignOutThroughTheGateway() throws Exception {
    String name = "e2e" + UUID.randomUUID().toString().substring(0, 8);
    String token =
        given()
            .contentType("application/json")
            .body(
                "{\"username\":\""
                    + name
                    + "\",\"email\":\""
                    + name
                    + "@example.test\",\"password\":\"a long enough e2e password\"}")
            .post("/api/auth/register")
            .then()
            .statusCode(201)
            .extract()
            .path("token");
    given()
        .auth()
        .oauth2(token)
        .get("/api/auth/me")
        .then()
        .statusCode(200)
        .body("username", equalTo(name));
    given()
        .auth()
        .oauth2(token)
        .get("/api/agents/after-login")
        .then()
        .body("instance", equalTo("/api/agents/after-login"));

    given().auth().oauth2(token).post("/api/auth/logout").then().statusCode(204);
    long loggedOut = System.nanoTime();

    // The gateway learns of the logout only through auth.events (another process).
    awaitRefused(stack.gatewayUrl(), "/api/agents/after-logout", token);
    long atGateway = (System.nanoTime() - loggedOut) / 1_000_000;
    awaitRefused(stack.url("auth-service"), "/api/auth/me", token);
    System.out.printf("[e2e] signed-out session refused by the gateway after %d ms%n", atGateway);

    // A restarted gateway replays auth.events and still refuses it.
    stack.stopService("gateway");
    stack.startService("gateway");
    given()
        .auth()
        .oauth2(token)
        .get("/api/agents/after-restart")
        .then()
        .statusCode(401)
        .body("code", equalTo("invalid_token"));
  }

  @Test
  @Order(11)
  void shouldLetAServiceResolveAUsersCredentialWithItsOwnServiceToken() throws Exception {
    String name = "vault" + UUID.randomUUID().toString().substring(0, 8);
    String value = "sk-e2e-" + UUID.randomUUID();
    var registered =
        given()
            .contentType("application/json")
            .body(
                "{\"username\":\""
                    + name
                    + "\",\"email\":\""
                    + name
                    + "@example.test\",\"password\":\"a long enough e2e password\"}")
            .post("/api/auth/register")
            .then()
            .statusCode(201)
            .extract();
    String userToken = registered.path("token");
    String userId = registered.path("user.id");
    String credentialId =
        given()
            .auth()
            .oauth2(userToken)
            .contentType("application/json")
            .body(
                "{\"name\":\"openai\",\"value\":\"" + value + "\",\"credentialType\":\"api_key\"}")
            .post("/api/vault")
            .then()
            .statusCode(201)
            .extract()
            .path("id");

    // model-service wrote its own secret into the stack's data directory at start-up; it trades
    // it at auth-service for a service token, exactly as its ServiceTokens does.
    String secret =
        Files.readString(stack.config().dataDir().resolve("service-secrets/model-service")).strip();
    String serviceToken =
        given()
            .baseUri(stack.url("auth-service"))
            .auth()
            .preemptive()
            .basic("model-service", secret)
            .post("/internal/service-tokens")
            .then()
            .statusCode(200)
            .extract()
            .path("token");
    given()
        .baseUri(stack.url("auth-service"))
        .auth()
        .preemptive()
        .basic("model-service", secret + "x")
        .post("/internal/service-tokens")
        .then()
        .statusCode(401)
        .body("code", equalTo("invalid_client"));
    given()
        .baseUri(stack.url("vault-service"))
        .auth()
        .oauth2(serviceToken)
        .contentType("application/json")
        .body(
            "{\"userId\":\""
                + userId
                + "\",\"credentialId\":\""
                + credentialId
                + "\",\"purpose\":\"e2e\"}")
        .post("/internal/vault/resolve")
        .then()
        .statusCode(200)
        .body("value", equalTo(value));
    // The owner sees who read it; nobody can reach the internal call through the gateway.
    given()
        .auth()
        .oauth2(userToken)
        .get("/api/vault/" + credentialId + "/audit")
        .then()
        .statusCode(200)
        .body("entries[0].service", equalTo("model-service"))
        .body("entries[0].outcome", equalTo("resolved"));
    given()
        .auth()
        .oauth2(serviceToken)
        .contentType("application/json")
        .body("{}")
        .post("/internal/vault/resolve")
        .then()
        .statusCode(404);
  }

  @Test
  @Order(50)
  void shouldAnswer503DuringADatabaseOutageAndRecoverWithoutHelp() throws Exception {
    String userToken = SharedStack.register("outage");
    given().auth().oauth2(userToken).get("/api/vault").then().statusCode(200);
    stack.stopPostgres();
    try {
      // Every service's readiness turns DOWN; liveness stays UP (Kubernetes must not restart them).
      for (String service : SERVICES) {
        awaitStatus(stack.url(service) + "/health/ready", 503, 20);
        given().baseUri(stack.url(service)).get("/health/live").then().statusCode(200);
      }
      long started = System.nanoTime();
      given()
          .auth()
          .oauth2(userToken)
          .get("/api/vault")
          .then()
          .statusCode(503)
          .contentType("application/problem+json")
          .header("Retry-After", "5")
          .body("code", equalTo("service_unavailable"));
      given()
          .contentType("application/json")
          .body("{\"username\":\"nobody\",\"password\":\"whatever it is\"}")
          .post("/api/auth/login")
          .then()
          .statusCode(503)
          .body("code", equalTo("service_unavailable"));
      assertThat((System.nanoTime() - started) / 1_000_000).as("no hang").isLessThan(20_000L);
    } finally {
      stack.startPostgres();
    }
    for (String service : SERVICES) {
      awaitStatus(stack.url(service) + "/health/ready", 200, 60);
    }
    awaitStatus(stack.gatewayUrl() + "/api/vault", userToken, 200, 30);
  }

  @Test
  @Order(51)
  void shouldTurnNotReadyWithoutKafkaKeepAnsweringAndRecoverWhenItIsBack() throws Exception {
    String userToken = SharedStack.register("brokerless");
    stack.stopKafka();
    try {
      for (String service : SERVICES) {
        awaitStatus(stack.url(service) + "/health/ready", 503, 30);
      }
      // The outage lasts: probes keep answering at once (none may hold an HTTP worker while the
      // clients wait for the broker), liveness stays UP, and work that needs only the database
      // goes on: its events wait in the outbox.
      RestAssuredConfig bounded =
          RestAssuredConfig.config()
              .httpClient(
                  HttpClientConfig.httpClientConfig()
                      .setParam("http.connection.timeout", 5_000)
                      .setParam("http.socket.timeout", 5_000));
      for (int round = 0; round < 10; round++) {
        for (String service : SERVICES) {
          given()
              .config(bounded)
              .baseUri(stack.url(service))
              .get("/health/ready")
              .then()
              .statusCode(503);
          given()
              .config(bounded)
              .baseUri(stack.url(service))
              .get("/health/live")
              .then()
              .statusCode(200);
        }
        given().config(bounded).get("/health/live").then().statusCode(200);
        Thread.sleep(2_000);
      }
      given()
          .config(bounded)
          .auth()
          .oauth2(userToken)
          .contentType("application/json")
          .body(
              "{\"name\":\"made-without-kafka\",\"credentialType\":\"api_key\",\"value\":\"sk-x\"}")
          .post("/api/vault")
          .then()
          .statusCode(201);
    } finally {
      stack.startKafka();
    }
    for (String service : SERVICES) {
      awaitStatus(stack.url(service) + "/health/ready", 200, 90);
    }
    // the gateway too (its WebSocket event feed follows again): the next test finds a whole stack
    awaitStatus(stack.gatewayUrl() + "/health/ready", 200, 90);
    given()
        .auth()
        .oauth2(userToken)
        .get("/api/vault")
        .then()
        .statusCode(200)
        .body("credentials.name", hasItem("made-without-kafka"));
  }

  private static void awaitStatus(String url, int status, int seconds) throws InterruptedException {
    awaitStatus(url, null, status, seconds);
  }

  /** Polls {@code url} until it answers {@code status}, or fails after {@code seconds}. */
  private static void awaitStatus(String url, String token, int status, int seconds)
      throws InterruptedException {
    long deadline = System.nanoTime() + seconds * 1_000_000_000L;
    int last = -1;
    while (System.nanoTime() < deadline) {
      var request = given();
      if (token != null) {
        request = request.auth().oauth2(token);
      }
      last = request.get(url).then().extract().statusCode();
      if (last == status) {
        return;
      }
      Thread.sleep(250);
    }
    throw new AssertionError(
        url + " answered " + last + ", not " + status + ", for " + seconds + " s");
  }

  /** Polls until the token is refused with 401 invalid_token (at most 5 s). */
  private static void awaitRefused(String baseUrl, String path, String token)
      throws InterruptedException {
    long deadline = System.nanoTime() + 5_000_000_000L;
    while (System.nanoTime() < deadline) {
      int status =
          given().baseUri(baseUrl).auth().oauth2(token).get(path).then().extract().statusCode();
      if (status == 401) {
        given()
            .baseUri(baseUrl)
            .auth()
            .oauth2(token)
            .get(path)
            .then()
            .body("code", equalTo("invalid_token"));
        return;
      }
      Thread.sleep(20);
    }
    throw new AssertionError(baseUrl + " still accepts a signed-out token after 5 s");
  }

  @Test
  @Order(100)
  void shouldReportDegradedAndAnswer503WhenAServiceIsDown() throws Exception {
    stack.stopService("model-service");
    try {
      checkDegraded();
    } finally {
      stack.startService("model-service");
    }
  }

  private static void checkDegraded() throws Exception {

    given()
        .get("/health/detailed")
        .then()
        .statusCode(200)
        .body("status", equalTo("DEGRADED"))
        .body("services.find { it.name == 'model-service' }.status", equalTo("DOWN"))
        .body("services.findAll { it.status == 'UP' }.size()", equalTo(5));
    long started = System.nanoTime();
    given()
        .auth()
        .oauth2(tokens.valid(ALICE))
        .get("/api/models")
        .then()
        .statusCode(503)
        .contentType("application/problem+json")
        .body("code", equalTo("service_unavailable"));
    assertThat((System.nanoTime() - started) / 1_000_000).isLessThan(10_000L);
    given().get("/health/live").then().statusCode(200).time(lessThan(10_000L));
  }
}
