package io.switchboard.pipeline.notification.service;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.switchboard.pipeline.config.NotificationConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/** Deletes notifications older than the retention, every purge interval. */
@ApplicationScoped
public class NotificationPurge {

  private static final Logger LOG = Logger.getLogger(NotificationPurge.class);

  private final NotificationConfig config;
  private final NotificationService notifications;
  private ScheduledExecutorService executor;

  public NotificationPurge(NotificationConfig config, NotificationService notifications) {
    this.config = config;
    this.notifications = notifications;
  }

  void start(@Observes StartupEvent event) {
    executor =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, "notification-purge");
              thread.setDaemon(true);
              return thread;
            });
    long every = config.purgeInterval().toMillis();
    executor.scheduleWithFixedDelay(this::purgeQuietly, every, every, TimeUnit.MILLISECONDS);
  }

  void stop(@Observes ShutdownEvent event) {
    if (executor != null) {
      executor.shutdownNow();
    }
  }

  /** Runs one purge now; the number of notifications deleted. */
  public long purge() {
    return notifications.purgeOlderThan(Instant.now().minus(config.retention()));
  }

  private void purgeQuietly() {
    try {
      long deleted = purge();
      if (deleted > 0) {
        LOG.infof("Purged %d notification(s) past the retention", deleted);
      }
    } catch (RuntimeException e) {
      LOG.warnf("Purging notifications failed: %s", e.toString());
    }
  }
}
