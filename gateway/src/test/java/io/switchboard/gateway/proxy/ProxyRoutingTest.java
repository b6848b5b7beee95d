package io.switchboard.gateway.proxy;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.switchboard.gateway.support.UpstreamsUp;
import io.switchboard.testing.TestTokens;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@QuarkusTest
@TestProfile(UpstreamsUp.class)
class ProxyRoutingTest {

  private static final String PROBLEM = "application/problem+json";

  @BeforeAll
  static void logFailures() {
    RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
  }

  @ParameterizedTest
  @CsvSource({
    "/api/auth/me, auth-service",
    "/api/agents, agent-service",
    "/api/sessions/s-1/messages, agent-service",
    "/api/chat/approvals/pending, agent-service",
    "/api/models/routing, model-service",
    "/api/voice/transcribe, model-service",
    "/api/skills/tools/all, skill-service",
    "/api/hooks/h-1, skill-service",
    "/api/vault, vault-service",
    "/api/pipelines/templates, pipeline-service",
    "/api/notifications, pipeline-service"
  })
  void shouldRouteEachPrefixToItsService(String path, String service) {
    given()
        .auth()
        .oauth2(TestTokens.user())
        .when()
        .get(path)
        .then()
        .statusCode(200)
        .body("service", equalTo(service))
        .body("path", equalTo(path));
  }

  @ParameterizedTest
  @CsvSource({"/api/auth/register", "/api/auth/login", "/api/auth/passkey/authenticate/options"})
  void shouldLetSignInPathsThroughWithoutToken(String path) {
    given()
        .contentType(ContentType.JSON)
        .body("{\"username\":\"ada\"}")
        .when()
        .post(path)
        .then()
        .statusCode(201)
        .body("service", equalTo("auth-service"))
        .body("body", equalTo("{\"username\":\"ada\"}"))
        .body("headers", not(org.hamcrest.Matchers.hasKey("authorization")));
  }

  @Test
  void shouldServeJwksWithoutToken() {
    given()
        .when()
        .get("/.well-known/jwks.json")
        .then()
        .statusCode(200)
        .body("keys[0].kty", equalTo("RSA"))
        .body("keys[0].kid", equalTo("test-key-1"));
  }

  @ParameterizedTest
  @CsvSource({"/internal/link-codes", "/internal", "/api/internal/x", "/api/internal"})
  void shouldNeverRouteInternalPaths(String path) {
    given()
        .auth()
        .oauth2(TestTokens.user())
        .when()
        .get(path)
        .then()
        .statusCode(404)
        .contentType(PROBLEM)
        .body("code", equalTo("not_found"))
        .body("status", equalTo(404));
  }

  @Test
  void shouldNotReachInternalPathsThroughDotSegments() {
    given()
        .auth()
        .oauth2(TestTokens.user())
        .urlEncodingEnabled(false)
        .when()
        .get("/api/agents/%2e%2e/%2e%2e/internal/link-codes")
        .then()
        .statusCode(404)
        .contentType(PROBLEM)
        .body("code", equalTo("not_found"));
  }

  @ParameterizedTest
  @CsvSource({"/api/unknown", "/api/agentsx", "/api/auth", "/nothing/here"})
  void shouldAnswerNotFoundProblemForUnknownPaths(String path) {
    given()
        .auth()
        .oauth2(TestTokens.user())
        .when()
        .get(path)
        .then()
        .statusCode(404)
        .contentType(PROBLEM)
        .body("code", equalTo("not_found"))
        .body("instance", equalTo(path));
  }
}
