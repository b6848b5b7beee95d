package io.switchboard.gateway.proxy;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.switchboard.gateway.support.UpstreamsUp;
import io.switchboard.testing.TestTokens;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@QuarkusTest
@TestProfile(UpstreamsUp.class)
class ProxyMetricsTest {

  @BeforeAll
  static void logFailures() {
    RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
  }

  @Test
  void shouldCountProxiedRequestsInMetrics() {
    given().auth().oauth2(TestTokens.user()).get("/api/notifications/n-77").then().statusCode(200);
    given()
        .auth()
        .oauth2(TestTokens.user())
        .get("/api/notifications?respond=404")
        .then()
        .statusCode(404);
    String metrics = given().get("/metrics").then().statusCode(200).extract().asString();
    assertMetric(
        metrics, "switchboard_gateway_requests_total{", "outcome=\"ok\"", "pipeline-service");
    assertMetric(
        metrics,
        "switchboard_gateway_requests_total{",
        "outcome=\"client_error\"",
        "pipeline-service");
    assertMetric(
        metrics, "switchboard_gateway_upstream_latency_seconds_count{", "pipeline-service", "");
  }

  @Test
  void shouldTagHttpServerMetricsByRoutePrefixNotById() {
    given().auth().oauth2(TestTokens.user()).get("/api/sessions/s-4711").then().statusCode(200);
    String metrics = given().get("/metrics").then().statusCode(200).extract().asString();
    assertMetric(metrics, "http_server_requests_seconds_count{", "uri=\"/api/sessions/*\"", "");
    assertFalse(metrics.contains("s-4711"), metrics);
  }

  @Test
  void shouldNeverTagHttpServerMetricsWithAPathNoServiceOwns() {
    given().auth().oauth2(TestTokens.user()).get("/api/nothing-here/x-9931").then().statusCode(404);
    given().get("/internal/agents/x-9932").then().statusCode(404);
    String metrics = given().get("/metrics").then().statusCode(200).extract().asString();
    assertFalse(metrics.contains("x-9931"), metrics);
    assertFalse(metrics.contains("x-9932"), metrics);
  }

  private static void assertMetric(String metrics, String name, String tag, String service) {
    boolean found =
        metrics
            .lines()
            .anyMatch(
                line -> line.startsWith(name) && line.contains(tag) && line.contains(service));
    assertTrue(found, name + " with " + tag + " " + service + " in:\n" + metrics);
  }
}
