package io.switchboard.defaults.metrics;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.config.MeterFilterReply;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * Drops the REST clients' gauges ({@code http.client.active.connections}, {@code
 * http.client.queue.size}, ...). Quarkus 3.33.2 registers them twice for each REST client on its
 * first call (quarkusio/quarkus#54482, fixed upstream after 3.33), and Micrometer then logs "This
 * Gauge has been already registered". Denied meters are never registered, so nothing is logged; the
 * client timers and counters ({@code http.client.requests}, ...) stay. Remove this when the
 * platform moves to a fixed Quarkus.
 */
public class ClientMetricsFilter {

  public static final String CLIENT_GAUGES = "http.client.";

  @Produces
  @Singleton
  MeterFilter dropDuplicatedClientGauges() {
    return new MeterFilter() {
      @Override
      public MeterFilterReply accept(Meter.Id id) {
        return id.getType() == Meter.Type.GAUGE && id.getName().startsWith(CLIENT_GAUGES)
            ? MeterFilterReply.DENY
            : MeterFilterReply.NEUTRAL;
      }
    };
  }
}
