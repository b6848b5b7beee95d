package io.switchboard.defaults.metrics;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Duration;

/**
 * Publishes HTTP server latencies as Prometheus histogram buckets (between 5 ms and 30 s), so
 * dashboards compute p99 across replicas with {@code histogram_quantile}; client-side percentiles
 * cannot be aggregated.
 */
@ApplicationScoped
public class Histograms {

  @Produces
  @Singleton
  MeterFilter httpServerHistogram() {
    return new MeterFilter() {
      @Override
      public DistributionStatisticConfig configure(
          Meter.Id id, DistributionStatisticConfig config) {
        if (!id.getName().startsWith("http.server.requests")) {
          return config;
        }
        return DistributionStatisticConfig.builder()
            .percentilesHistogram(true)
            .minimumExpectedValue((double) Duration.ofMillis(5).toNanos())
            .maximumExpectedValue((double) Duration.ofSeconds(30).toNanos())
            .build()
            .merge(config);
      }
    };
  }
}
