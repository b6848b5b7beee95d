package io.switchboard.gateway.health;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.switchboard.gateway.support.UpstreamsUp;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@QuarkusTest
@TestProfile(UpstreamsUp.class)
class DetailedHealthTest {

  private static final String[] SERVICES = {
    "auth-service",
    "agent-service",
    "model-service",
    "skill-service",
    "vault-service",
    "pipeline-service"
  };

  @BeforeAll
  static void logFailures() {
    RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
  }

  @Test
  void shouldReportUpWithEveryServiceAndItsLatency() {
    given()
        .when()
        .get("/health/detailed")
        .then()
        .statusCode(200)
        .body("status", equalTo("UP"))
        .body("services.name", contains(SERVICES))
        .body("services.status", everyItem(equalTo("UP")))
        .body("services.latencyMs", everyItem(greaterThanOrEqualTo(0)))
        .body("services.checkedAt", everyItem(notNullValue()))
        .body(
            "services[0].keySet()", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasItem("up")))
        .body("dependencies", notNullValue())
        .body("timestamp", notNullValue());
  }

  @Test
  void shouldReportDegradedWhenOneServiceIsNotReady() {
    setReadiness("pipeline", 503);
    try {
      given()
          .when()
          .get("/health/detailed")
          .then()
          .statusCode(200)
          .body("status", equalTo("DEGRADED"))
          .body("services.find { it.name == 'pipeline-service' }.status", equalTo("DOWN"))
          .body(
              "services.find { it.name == 'pipeline-service' }.message",
              equalTo("readiness answered 503"))
          .body("services.find { it.name == 'agent-service' }.status", equalTo("UP"));
    } finally {
      setReadiness("pipeline", 200);
    }
  }

  @Test
  void shouldExposeServiceUpGauge() {
    setReadiness("vault", 503);
    try {
      given().get("/health/detailed").then().statusCode(200);
      String metrics = given().get("/metrics").then().statusCode(200).extract().asString();
      assertTrue(
          metrics.contains("switchboard_gateway_service_up{service=\"vault-service\"} 0.0"),
          metrics);
      assertTrue(
          metrics.contains("switchboard_gateway_service_up{service=\"auth-service\"} 1.0"),
          metrics);
    } finally {
      setReadiness("vault", 200);
    }
  }

  @Test
  void shouldServeItsOwnProbes() {
    given().get("/health/live").then().statusCode(200).body("status", equalTo("UP"));
    given().get("/health/ready").then().statusCode(200).body("status", equalTo("UP"));
    given().get("/health/started").then().statusCode(200).body("status", equalTo("UP"));
    given().get("/health").then().statusCode(200).body("status", equalTo("UP"));
  }

  @Test
  void shouldDocumentDetailedHealthInItsOwnDocument() {
    given()
        .accept("application/json")
        .get("/openapi/gateway")
        .then()
        .statusCode(200)
        .body("paths.keySet()", hasItem("/health/detailed"));
  }

  /** Makes one fake service's readiness probe answer {@code status}. */
  private static void setReadiness(String service, int status) {
    String url =
        ConfigProvider.getConfig()
            .getValue("switchboard.gateway.services." + service + ".url", String.class);
    given()
        .baseUri(url)
        .port(-1)
        .body(Integer.toString(status))
        .post("/__control/ready")
        .then()
        .statusCode(204);
  }
}
