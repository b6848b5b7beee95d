package io.switchboard.agent.runtime;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.switchboard.agent.config.AgentConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * The background runtime of this replica: polls for sessions with runnable work (see {@link
 * Leases}), claims up to {@code switchboard.agent.worker-threads} at once and runs each on its own
 * thread. {@link #nudge()} polls at once after new work is queued, so work rarely waits a poll.
 * While a session is worked, its lease is renewed every third of {@code lease-duration} (a
 * heartbeat): a step that waits longer than the lease on a remote call (a slow tool or model) is
 * not taken for abandoned and run a second time meanwhile, by another replica or by this one.
 */
@ApplicationScoped
public class Worker {

  private static final Logger LOG = Logger.getLogger(Worker.class);

  private final AgentConfig config;
  private final Leases leases;
  private final SessionRunner runner;
  private final DeletionWatch deletions;
  private final String owner = "replica-" + UUID.randomUUID();
  private final AtomicInteger threadCount = new AtomicInteger();
  private Semaphore slots;
  private ScheduledExecutorService poller;
  private ExecutorService workers;

  public Worker(AgentConfig config, Leases leases, SessionRunner runner, DeletionWatch deletions) {
    this.config = config;
    this.leases = leases;
    this.runner = runner;
    this.deletions = deletions;
  }

  void start(@Observes StartupEvent event) {
    if (!config.workerEnabled()) {
      return;
    }
    slots = new Semaphore(config.workerThreads());
    poller = Executors.newSingleThreadScheduledExecutor(r -> thread(r, "agent-poller"));
    workers =
        Executors.newFixedThreadPool(
            config.workerThreads(),
            r -> thread(r, "agent-worker-" + threadCount.incrementAndGet()));
    long every = config.pollInterval().toMillis();
    poller.scheduleWithFixedDelay(this::pollQuietly, every, every, TimeUnit.MILLISECONDS);
    poller.scheduleWithFixedDelay(this::watchQuietly, every, every, TimeUnit.MILLISECONDS);
  }

  void stop(@Observes ShutdownEvent event) throws InterruptedException {
    if (poller != null) {
      poller.shutdownNow();
      workers.shutdown();
      workers.awaitTermination(5, TimeUnit.SECONDS);
    }
  }

  /** New work or a decision arrived: look now rather than at the next poll. */
  public void nudge() {
    if (poller != null && !poller.isShutdown()) {
      poller.execute(this::pollQuietly);
    }
  }

  private void pollQuietly() {
    while (slots.tryAcquire()) {
      Optional<UUID> session;
      try {
        session = leases.claim(owner);
      } catch (RuntimeException e) {
        slots.release();
        LOG.warnf("Polling for agent work failed: %s", e.toString());
        return;
      }
      if (session.isEmpty()) {
        slots.release();
        return;
      }
      workers.execute(() -> work(session.get()));
    }
  }

  private void watchQuietly() {
    try {
      deletions.check();
    } catch (RuntimeException e) {
      LOG.warnf("Looking for deleted agents failed: %s", e.toString());
    }
  }

  private void work(UUID sessionId) {
    long every = Math.max(1, config.leaseDuration().toMillis() / 3);
    ScheduledFuture<?> heartbeat =
        poller.scheduleWithFixedDelay(
            () -> renewQuietly(sessionId), every, every, TimeUnit.MILLISECONDS);
    try {
      runner.run(sessionId, owner, null);
    } catch (RuntimeException e) {
      LOG.errorf(e, "Work on session %s failed", sessionId);
    } finally {
      heartbeat.cancel(false);
      slots.release();
      nudge();
    }
  }

  private void renewQuietly(UUID sessionId) {
    try {
      leases.renew(sessionId, owner); // false: lost it; the fence stops the step's writes
    } catch (RuntimeException e) {
      LOG.warnf("Renewing the lease of session %s failed: %s", sessionId, e.toString());
    }
  }

  private static Thread thread(Runnable r, String name) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    return t;
  }
}
