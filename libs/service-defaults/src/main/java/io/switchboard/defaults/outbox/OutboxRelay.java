package io.switchboard.defaults.outbox;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * Relays committed outbox events to Kafka, oldest first, on one background thread per replica. Rows
 * are locked with {@code SKIP LOCKED}, so replicas share the work without sending an event twice; a
 * row is deleted only in the transaction that saw the broker acknowledge it, so a broker outage
 * delays events and loses none (delivery is at least once: consumers deduplicate on the event id
 * with {@link ProcessedEvents}).
 */
@ApplicationScoped
public class OutboxRelay {

  private static final Logger LOG = Logger.getLogger(OutboxRelay.class);

  private final OutboxConfig config;
  private final OutboxBatch batch;
  private final Counter relayed;
  private final Counter failures;
  private final AtomicBoolean wakePending = new AtomicBoolean();
  private volatile ScheduledExecutorService executor;
  private long lastCleanup;

  public OutboxRelay(OutboxConfig config, OutboxBatch batch, MeterRegistry registry) {
    this.config = config;
    this.batch = batch;
    this.relayed = registry.counter("switchboard.outbox.relayed");
    this.failures = registry.counter("switchboard.outbox.failures");
  }

  void start(@Observes StartupEvent event) {
    if (!config.relayEnabled()) {
      return;
    }
    executor =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, "outbox-relay");
              thread.setDaemon(true);
              return thread;
            });
    long pause = config.pollInterval().toMillis();
    executor.scheduleWithFixedDelay(this::relayQuietly, pause, pause, TimeUnit.MILLISECONDS);
  }

  void stop(@Observes ShutdownEvent event) throws InterruptedException {
    if (executor != null) {
      executor.shutdown();
      executor.awaitTermination(config.sendTimeout().toMillis(), TimeUnit.MILLISECONDS);
    }
    batch.close();
  }

  /**
   * Asks for a relay run now (after a commit that queued events). Wakes arriving while one is
   * waiting fold into it; runs stay one at a time on the relay's thread.
   */
  public void wake() {
    ScheduledExecutorService current = executor;
    if (current != null && wakePending.compareAndSet(false, true)) {
      try {
        current.execute(
            () -> {
              wakePending.set(false);
              relayQuietly();
            });
      } catch (RejectedExecutionException e) {
        wakePending.set(false); // stopping: the rows stay for the next start
      }
    }
  }

  /** Sends everything pending now; returns how many events went out. */
  public int drain() {
    int total = 0;
    int sent;
    do {
      sent = QuarkusTransaction.requiringNew().call(batch::relayNext);
      total += sent;
    } while (sent == config.batchSize());
    relayed.increment(total);
    return total;
  }

  private void relayQuietly() {
    try {
      drain();
      cleanUpHourly();
    } catch (RuntimeException e) {
      failures.increment();
      LOG.warnf("Outbox relay failed, will retry: %s", e.getMessage());
    }
  }

  private void cleanUpHourly() {
    long now = System.currentTimeMillis();
    if (now - lastCleanup > TimeUnit.HOURS.toMillis(1)) {
      QuarkusTransaction.requiringNew().run(batch::forgetOldProcessedEvents);
      lastCleanup = now;
    }
  }
}
