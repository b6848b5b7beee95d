package io.switchboard.gateway.health;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.json.Json;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class HealthVerdictTest {

  private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

  private static ServiceHealth service(String name, HealthStatus status) {
    return new ServiceHealth(name, status, 3, NOW, status == HealthStatus.UP ? null : "x");
  }

  @Test
  void shouldBeUpWhenEverythingIsUp() {
    List<ServiceHealth> services =
        List.of(service("a", HealthStatus.UP), service("b", HealthStatus.UP));
    List<DependencyHealth> deps = List.of(new DependencyHealth("kafka", HealthStatus.UP));
    assertEquals(HealthStatus.UP, DetailedHealth.of(services, deps, NOW).status());
  }

  @Test
  void shouldBeDegradedWhenSomeServiceIsDown() {
    List<ServiceHealth> services =
        List.of(service("a", HealthStatus.UP), service("b", HealthStatus.DOWN));
    assertEquals(HealthStatus.DEGRADED, DetailedHealth.verdict(services, List.of()));
  }

  @Test
  void shouldBeDegradedWhenOwnDependencyIsDown() {
    List<ServiceHealth> services = List.of(service("a", HealthStatus.UP));
    List<DependencyHealth> deps = List.of(new DependencyHealth("kafka", HealthStatus.DOWN));
    assertEquals(HealthStatus.DEGRADED, DetailedHealth.verdict(services, deps));
  }

  @Test
  void shouldBeDownWhenNoServiceIsUp() {
    List<ServiceHealth> services =
        List.of(service("a", HealthStatus.DOWN), service("b", HealthStatus.DOWN));
    assertEquals(HealthStatus.DOWN, DetailedHealth.verdict(services, List.of()));
  }

  @Test
  void shouldReadDependenciesFromReadinessChecks() {
    var payload =
        Json.createObjectBuilder()
            .add("status", "DOWN")
            .add(
                "checks",
                Json.createArrayBuilder()
                    .add(
                        Json.createObjectBuilder()
                            .add("name", "Kafka connection health check")
                            .add("status", "DOWN"))
                    .add(
                        Json.createObjectBuilder()
                            .add("name", "Database connections health check")
                            .add("status", "UP")))
            .build();
    assertEquals(
        List.of(
            new DependencyHealth("kafka", HealthStatus.DOWN),
            new DependencyHealth("database connections", HealthStatus.UP)),
        GatewayDependencies.dependencies(payload));
  }
}
