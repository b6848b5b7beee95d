package io.switchboard.gateway.health;

import io.smallrye.health.SmallRyeHealthReporter;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.List;
import java.util.Locale;

/**
 * The gateway's own dependencies (Kafka, ...) as its readiness checks report them, named the short
 * way: the check "Kafka connection health check" is the dependency {@code kafka}.
 */
@ApplicationScoped
public class GatewayDependencies {

  private final SmallRyeHealthReporter reporter;

  public GatewayDependencies(SmallRyeHealthReporter reporter) {
    this.reporter = reporter;
  }

  /** Every readiness check's verdict; a failing check is {@code DOWN}, never a failure. */
  public Uni<List<DependencyHealth>> check() {
    return reporter
        .getReadinessAsync()
        .map(health -> dependencies(health.getPayload()))
        .onFailure()
        .recoverWithItem(List.of(new DependencyHealth("readiness", HealthStatus.DOWN)));
  }

  static List<DependencyHealth> dependencies(JsonObject payload) {
    JsonArray checks = payload.getJsonArray("checks");
    if (checks == null) {
      return List.of();
    }
    return checks.stream()
        .filter(check -> check.getValueType() == JsonValue.ValueType.OBJECT)
        .map(JsonValue::asJsonObject)
        .map(
            check ->
                new DependencyHealth(
                    shortName(check.getString("name", "unnamed")),
                    "UP".equals(check.getString("status", "DOWN"))
                        ? HealthStatus.UP
                        : HealthStatus.DOWN))
        .toList();
  }

  static String shortName(String checkName) {
    return checkName
        .toLowerCase(Locale.ROOT)
        .replace(" connection health check", "")
        .replace(" health check", "")
        .trim();
  }
}
