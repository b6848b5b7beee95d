package io.switchboard.gateway.health;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** A health verdict. {@code DEGRADED} only qualifies the whole suite, never one service. */
@RegisterForReflection
public enum HealthStatus {
  UP,
  DEGRADED,
  DOWN
}
