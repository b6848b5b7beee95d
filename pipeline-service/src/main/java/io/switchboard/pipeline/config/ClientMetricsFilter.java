package io.switchboard.pipeline.config;

import io.micrometer.core.instrument.config.MeterFilter;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * Drops the {@code http.client.active.connections} gauge. Quarkus 3.33.2 registers it twice for
 * each REST client on its first call (quarkusio/quarkus#54482, fixed upstream after 3.33), and
 * Micrometer then logs "This Gauge has been already registered" (once per process, the rest at
 * debug). Denied meters are never registered, so nothing is logged; the client request timers
 * ({@code http.client.requests}) stay. Remove this when the platform moves to a fixed Quarkus.
 */
public class ClientMetricsFilter {

  public static final String DUPLICATED_GAUGE = "http.client.active.connections";

  @Produces
  @Singleton
  MeterFilter dropDuplicatedClientGauge() {
    return MeterFilter.denyNameStartsWith(DUPLICATED_GAUGE);
  }
}
