package io.switchboard.gateway.health;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The suite's health: {@code UP} when every service and every dependency is up, {@code DOWN} when
 * no service is (the gateway has nothing to serve), {@code DEGRADED} in between.
 *
 * @param status the verdict
 * @param services each service's readiness, in a fixed order
 * @param dependencies the gateway's own dependencies
 * @param timestamp when the answer was assembled
 */
@Schema(name = "DetailedHealth")
@RegisterForReflection
public record DetailedHealth(
    HealthStatus status,
    List<ServiceHealth> services,
    List<DependencyHealth> dependencies,
    Instant timestamp) {

  public static DetailedHealth of(
      List<ServiceHealth> services, List<DependencyHealth> dependencies, Instant timestamp) {
    return new DetailedHealth(verdict(services, dependencies), services, dependencies, timestamp);
  }

  static HealthStatus verdict(List<ServiceHealth> services, List<DependencyHealth> dependencies) {
    if (services.stream().noneMatch(ServiceHealth::isUp)) {
      return HealthStatus.DOWN;
    }
    boolean allUp =
        services.stream().allMatch(ServiceHealth::isUp)
            && dependencies.stream().allMatch(DependencyHealth::isUp);
    return allUp ? HealthStatus.UP : HealthStatus.DEGRADED;
  }
}
