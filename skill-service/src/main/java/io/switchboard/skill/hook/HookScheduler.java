package io.switchboard.skill.hook;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Fires due {@code schedule} hooks and re-runs executions left {@code pending} or {@code running}
 * by a stopped replica; safe on several replicas (FOR UPDATE SKIP LOCKED).
 */
@ApplicationScoped
public class HookScheduler {

  private static final Logger LOG = Logger.getLogger(HookScheduler.class);
  private static final int BATCH = 50;

  private final HookFiring firing;
  private final HookRunner runner;
  private final HooksConfig config;

  public HookScheduler(HookFiring firing, HookRunner runner, HooksConfig config) {
    this.firing = firing;
    this.runner = runner;
    this.config = config;
  }

  @Scheduled(
      every = "${switchboard.hooks.schedule-interval:5s}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void fireDue() {
    try {
      List<UUID> claimed;
      do {
        claimed = firing.claimDue(Instant.now(), BATCH);
        runner.submit(claimed);
      } while (claimed.size() == BATCH);
      Instant now = Instant.now();
      runner.submit(
          firing.stranded(
              now.minus(config.pendingStrandedAfter()),
              now.minus(config.runningStrandedAfter()),
              BATCH));
    } catch (RuntimeException e) {
      LOG.warnf("Firing scheduled hooks failed: %s", e.getClass().getSimpleName());
    }
  }
}
