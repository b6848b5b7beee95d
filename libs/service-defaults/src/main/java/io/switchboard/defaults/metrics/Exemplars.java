package io.switchboard.defaults.metrics;

import io.prometheus.client.exemplars.ExemplarSampler;
import io.quarkus.micrometer.runtime.export.exemplars.OpentelemetryExemplarSamplerProvider;
import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Alternative;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Prometheus exemplars (a trace id beside a histogram bucket) only while traces are recorded.
 *
 * <p>Quarkus samples exemplars whenever OpenTelemetry is on the class path: every timer and counter
 * update looks up the current OpenTelemetry span, through Vert.x' request context, to see whether
 * it is sampled. With the OpenTelemetry SDK off, the platform's default ({@code
 * quarkus.otel.sdk.disabled=true}), no span is ever sampled and no exemplar ever written, so each
 * look-up was for nothing: 2.7 % of the gateway's CPU per proxied request (JFR, scenario 1 of
 * bench/README.md), in every service on every request. Turning the SDK on (to export traces) brings
 * Quarkus' sampler back, and exemplars with it.
 */
public class Exemplars {

  @Produces
  @Singleton
  @Alternative
  @Priority(1)
  Optional<ExemplarSampler> exemplarSampler(
      @ConfigProperty(name = "quarkus.otel.sdk.disabled", defaultValue = "false")
          boolean sdkDisabled) {
    return sampler(!sdkDisabled);
  }

  /** Quarkus' OpenTelemetry sampler when traces are recorded, none otherwise. */
  static Optional<ExemplarSampler> sampler(boolean tracing) {
    return tracing
        ? new OpentelemetryExemplarSamplerProvider().exemplarSampler()
        : Optional.empty();
  }
}
