package io.switchboard.defaults.health;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness of the Kafka connection, answered from a background probe ({@link KafkaReachability}).
 * Replaces Quarkus' own Kafka check, which waits for the broker on the probe request itself: with
 * the broker gone, every probe held an HTTP worker for a minute until none were left. Here a probe
 * request costs nothing, and readiness turns DOWN within {@code interval + timeout} of the broker
 * going away. Liveness never looks at Kafka.
 */
@Readiness
@ApplicationScoped
public class KafkaReadiness implements HealthCheck {

  private final KafkaHealthConfig config;
  private final Map<String, Object> kafkaConfig;
  private final String application;
  private volatile KafkaReachability reachability;
  private ScheduledExecutorService prober;

  public KafkaReadiness(
      KafkaHealthConfig config,
      @Identifier("default-kafka-broker") Map<String, Object> kafkaConfig,
      @ConfigProperty(name = "quarkus.application.name") String application) {
    this.config = config;
    this.kafkaConfig = kafkaConfig;
    this.application = application;
  }

  void start(@Observes StartupEvent event) {
    if (!config.enabled()) {
      return;
    }
    Duration staleAfter = config.interval().plus(config.timeout()).multipliedBy(2);
    KafkaReachability probe =
        new KafkaReachability(
            () -> Admin.create(adminSettings()), config.timeout(), staleAfter, Clock.systemUTC());
    reachability = probe;
    prober =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, "kafka-readiness");
              thread.setDaemon(true);
              return thread;
            });
    // The first probe (the admin client's set-up, a connection, a round trip) runs beside the
    // rest of the start-up, not in it: readiness says "not probed yet" until it has answered.
    prober.execute(() -> probeAndReschedule(probe));
  }

  /** Probes, then schedules the next probe: after the interval when up, sooner when down. */
  private void probeAndReschedule(KafkaReachability probe) {
    boolean up = probe.probe().up();
    Duration pause = up ? config.interval() : min(config.retryInterval(), config.interval());
    try {
      prober.schedule(() -> probeAndReschedule(probe), pause.toMillis(), TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException stopping) {
      // shut down: no next probe
    }
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  void stop(@Observes ShutdownEvent event) {
    if (prober != null) {
      prober.shutdownNow();
    }
    if (reachability != null) {
      reachability.close();
    }
  }

  @Override
  public HealthCheckResponse call() {
    var response = HealthCheckResponse.named("Kafka connection");
    KafkaReachability current = reachability;
    if (current == null) {
      return response.status(!config.enabled()).withData("detail", "not started").build();
    }
    KafkaReachability.Observation observation = current.current();
    return response
        .status(observation.up())
        .withData(observation.up() ? "nodes" : "reason", observation.detail())
        .withData("checkedAt", observation.at().toString())
        .build();
  }

  private Map<String, Object> adminSettings() {
    Map<String, Object> settings = new HashMap<>();
    kafkaConfig.forEach(
        (key, value) -> {
          if (AdminClientConfig.configNames().contains(key)) {
            settings.put(key, value);
          }
        });
    int timeoutMs = (int) config.timeout().toMillis();
    settings.put(AdminClientConfig.CLIENT_ID_CONFIG, application + "-readiness");
    settings.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, timeoutMs);
    settings.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, timeoutMs);
    settings.put(AdminClientConfig.SOCKET_CONNECTION_SETUP_TIMEOUT_MAX_MS_CONFIG, timeoutMs);
    settings.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 1000);
    return settings;
  }
}
