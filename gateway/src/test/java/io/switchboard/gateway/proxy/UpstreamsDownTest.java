package io.switchboard.gateway.proxy;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.lessThan;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.switchboard.gateway.support.UpstreamsDown;
import io.switchboard.testing.TestTokens;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@QuarkusTest
@TestProfile(UpstreamsDown.class)
class UpstreamsDownTest {

  private static final String PROBLEM = "application/problem+json";

  @BeforeAll
  static void logFailures() {
    RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
  }

  @Test
  void shouldAnswerServiceUnavailableForPublicPathWhenServiceIsDown() {
    given()
        .contentType(ContentType.JSON)
        .body("{\"username\":\"ada\",\"password\":\"pw\"}")
        .when()
        .post("/api/auth/login")
        .then()
        .time(lessThan(3_000L))
        .statusCode(503)
        .contentType(PROBLEM)
        .body("code", equalTo("service_unavailable"))
        .body("detail", equalTo("auth-service is unavailable"));
  }

  @Test
  void shouldAnswerServiceUnavailableForAuthenticatedRequestWhenServiceIsDown() {
    given()
        .auth()
        .oauth2(TestTokens.user())
        .when()
        .get("/api/agents")
        .then()
        .time(lessThan(3_000L))
        .statusCode(503)
        .contentType(PROBLEM)
        .body("code", equalTo("service_unavailable"))
        .body("detail", equalTo("agent-service is unavailable"))
        .body("instance", equalTo("/api/agents"));
  }

  @Test
  void shouldStillRejectBadTokensBeforeTryingTheService() {
    given()
        .when()
        .get("/api/vault")
        .then()
        .statusCode(401)
        .body("code", equalTo("unauthenticated"));
  }

  @Test
  void shouldReportDownWhenNoServiceAnswers() {
    given()
        .when()
        .get("/health/detailed")
        .then()
        .time(lessThan(5_000L))
        .statusCode(503)
        .body("status", equalTo("DOWN"))
        .body("services.status", everyItem(equalTo("DOWN")))
        .body("services.message", everyItem(equalTo("unreachable")))
        .body("services.size()", equalTo(6));
  }

  @Test
  void shouldStayLiveWhileServicesAreDown() {
    given().get("/health/live").then().statusCode(200).body("status", equalTo("UP"));
  }

  @Test
  void shouldListMissingServicesInOpenApi() {
    given()
        .when()
        .get("/openapi")
        .then()
        .statusCode(200)
        .body("info.title", equalTo("Switchboard API"))
        .body("paths.size()", equalTo(0))
        .body(
            "x-switchboard-missing",
            hasItems(
                "auth-service",
                "agent-service",
                "model-service",
                "skill-service",
                "vault-service",
                "pipeline-service"));
  }

  @Test
  void shouldCountUnavailableOutcome() {
    given().auth().oauth2(TestTokens.user()).get("/api/skills").then().statusCode(503);
    String metrics = given().get("/metrics").then().statusCode(200).extract().asString();
    assertTrue(
        metrics
            .lines()
            .anyMatch(
                line ->
                    line.startsWith("switchboard_gateway_requests_total{")
                        && line.contains("outcome=\"unavailable\"")
                        && line.contains("service=\"skill-service\"")),
        metrics);
  }
}
