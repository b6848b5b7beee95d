package io.switchboard.gateway.health;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.quarkus.runtime.annotations.RegisterForReflection;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * One of the gateway's own dependencies (e.g. {@code kafka}), from its readiness checks.
 *
 * @param name the dependency
 * @param status {@code UP} or {@code DOWN}
 */
@Schema(name = "DependencyHealth")
@RegisterForReflection
public record DependencyHealth(String name, HealthStatus status) {

  @JsonIgnore
  public boolean isUp() {
    return status == HealthStatus.UP;
  }
}
