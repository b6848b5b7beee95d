package io.switchboard.gateway.health;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * One service's readiness as the gateway saw it.
 *
 * @param name the service, e.g. {@code agent-service}
 * @param status {@code UP} when its readiness probe answered 200, {@code DOWN} otherwise
 * @param latencyMs how long the probe took
 * @param checkedAt when the probe was sent
 * @param message why it is down; absent when up
 */
@Schema(name = "ServiceHealth")
@JsonInclude(JsonInclude.Include.NON_NULL)
@RegisterForReflection
public record ServiceHealth(
    String name, HealthStatus status, long latencyMs, Instant checkedAt, String message) {

  @JsonIgnore
  public boolean isUp() {
    return status == HealthStatus.UP;
  }
}
