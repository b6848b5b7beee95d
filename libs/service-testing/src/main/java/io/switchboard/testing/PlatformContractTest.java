package io.switchboard.testing;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

import io.prometheus.client.exemplars.ExemplarSampler;
import io.restassured.RestAssured;
import io.switchboard.defaults.event.Topics;
import io.switchboard.defaults.security.RevokedSessions;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What every Switchboard service promises its operators and callers, whatever its business: the
 * four probes, its OpenAPI document, Prometheus metrics, correlation ids and problem+json for a
 * path it does not serve. A service's test extends this (or {@link DatabaseServiceContractTest})
 * and adds {@code @QuarkusTest} and its test resource.
 */
public abstract class PlatformContractTest {

  private static final String UUID_PATTERN =
      "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

  @Inject RevokedSessions revokedSessions;

  @Inject Optional<ExemplarSampler> exemplarSampler;

  @ConfigProperty(name = "kafka.bootstrap.servers")
  String bootstrapServers;

  @BeforeAll
  static void logFailures() {
    RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
  }

  @Test
  void shouldAnswerLivenessWithoutCheckingDependencies() {
    given()
        .get("/health/live")
        .then()
        .statusCode(200)
        .body("status", equalTo("UP"))
        .body("checks.name", not(hasItem(containsString("Kafka"))))
        .body("checks.name", not(hasItem(containsString("Database"))));
  }

  @Test
  void shouldBeReadyWhenItsDependenciesAreUp() throws InterruptedException {
    awaitReadiness();
    given()
        .get("/health/ready")
        .then()
        .statusCode(200)
        .body("status", equalTo("UP"))
        .body("checks.find { it.name.contains('Kafka') }.status", equalTo("UP"));
  }

  @Test
  void shouldLearnOfASignedOutSessionFromAuthEvents() throws InterruptedException {
    String sessionId = UUID.randomUUID().toString();
    String userId = UUID.randomUUID().toString();
    String event =
        "{\"id\":\""
            + UUID.randomUUID()
            + "\",\"type\":\"session.revoked\","
            + "\"source\":\"auth-service\",\"subject\":\""
            + userId
            + "\",\"time\":\""
            + Instant.now()
            + "\",\"data\":{\"sessionId\":\""
            + sessionId
            + "\",\"userId\":\""
            + userId
            + "\",\"expiresAt\":\""
            + Instant.now().plusSeconds(600)
            + "\"}}";

    new KafkaProbe(bootstrapServers).send(Topics.AUTH_EVENTS, userId, event);

    long deadline = System.nanoTime() + 10_000_000_000L;
    while (!revokedSessions.isRevoked(sessionId) && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertThat(revokedSessions.isRevoked(sessionId)).isTrue();
    given()
        .get("/health/ready")
        .then()
        .body("checks.find { it.name == 'Session revocations' }.status", equalTo("UP"));
  }

  @Test
  void shouldReportStartedAndOverallHealth() throws InterruptedException {
    given().get("/health/started").then().statusCode(200).body("status", equalTo("UP"));
    awaitReadiness();
    given().get("/health").then().statusCode(200).body("status", equalTo("UP"));
  }

  @Test
  void shouldServeItsOpenApiDocument() {
    given()
        .accept("application/json")
        .get("/openapi")
        .then()
        .statusCode(200)
        .body("openapi", startsWith("3."))
        .body("info.title", notNullValue())
        .body("components.securitySchemes", notNullValue());
  }

  @Test
  void shouldExposePrometheusMetrics() {
    given().get("/no-such-path-for-metrics").then().statusCode(404);
    given()
        .get("/metrics")
        .then()
        .statusCode(200)
        .body(containsString("jvm_memory_used_bytes"))
        .body(containsString("http_server_requests_seconds_count"))
        // Histogram buckets, so dashboards can take a p99 across replicas.
        .body(containsString("http_server_requests_seconds_bucket{"))
        .body(containsString("switchboard_problems_total{code=\"not_found\",status=\"404\""));
  }

  @Test
  void shouldNotSampleExemplarsWhileNoTracesAreRecorded() {
    // the OpenTelemetry SDK is off by default: a look-up per meter update would find no span
    assertThat(exemplarSampler).isEmpty();
  }

  @Test
  void shouldAnswerAnUnknownPathWithAProblem() {
    given()
        .get("/no/such/path")
        .then()
        .statusCode(404)
        .contentType("application/problem+json")
        .body("status", equalTo(404))
        .body("code", equalTo("not_found"))
        .body("type", equalTo("https://switchboard.dev/problems/not_found"))
        .body("instance", equalTo("/no/such/path"))
        .body("requestId", matchesPattern(UUID_PATTERN));
  }

  @Test
  void shouldEchoTheCallersRequestId() {
    given()
        .header("X-Request-Id", "trace-me-42")
        .get("/no/such/path")
        .then()
        .header("X-Request-Id", equalTo("trace-me-42"))
        .body("requestId", equalTo("trace-me-42"));
  }

  @Test
  void shouldReplaceAnUnacceptableRequestId() {
    given()
        .header("X-Request-Id", "bad id with spaces and\ttabs")
        .get("/health/live")
        .then()
        .statusCode(200)
        .header("X-Request-Id", matchesPattern(UUID_PATTERN));
  }

  /**
   * Waits up to 30 s for readiness. The broker is probed and the revocations replayed in the
   * background: on a busy machine the first answers may still be on their way when a test starts
   * (the CI of 2026-11-29 saw {@code /health} 503 this way). A service that never turns ready still
   * fails the assertion that follows.
   */
  private static void awaitReadiness() throws InterruptedException {
    long deadline = System.nanoTime() + 30_000_000_000L;
    while (given().get("/health/ready").statusCode() != 200 && System.nanoTime() < deadline) {
      Thread.sleep(250);
    }
  }
}
