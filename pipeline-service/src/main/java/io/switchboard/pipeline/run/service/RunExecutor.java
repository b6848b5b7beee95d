package io.switchboard.pipeline.run.service;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.switchboard.pipeline.config.PipelineConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * The durable executor of this replica: every poll interval it claims due runs (state lives only in
 * PostgreSQL) and moves each one step forward on a small worker pool, then releases the claim. A
 * restart loses nothing: the next claim continues where the database says the run is.
 */
@ApplicationScoped
public class RunExecutor {

  private static final Logger LOG = Logger.getLogger(RunExecutor.class);

  private final PipelineConfig config;
  private final RunClaims claims;
  private final StageRunner runner;
  private final RunTransitions tx;
  private final String owner = "pipeline-" + UUID.randomUUID();
  private ScheduledExecutorService loop;
  private ExecutorService workers;
  private final AtomicInteger busy = new AtomicInteger();

  public RunExecutor(
      PipelineConfig config, RunClaims claims, StageRunner runner, RunTransitions tx) {
    this.config = config;
    this.claims = claims;
    this.runner = runner;
    this.tx = tx;
  }

  /** This replica's lease owner name. */
  public String owner() {
    return owner;
  }

  void start(@Observes StartupEvent event) {
    if (!config.executorEnabled()) {
      return;
    }
    workers =
        Executors.newFixedThreadPool(Math.max(1, config.batchSize()), daemon("pipeline-stage"));
    loop = Executors.newSingleThreadScheduledExecutor(daemon("pipeline-executor"));
    long pause = config.pollInterval().toMillis();
    loop.scheduleWithFixedDelay(this::tick, pause, pause, TimeUnit.MILLISECONDS);
  }

  void stop(@Observes ShutdownEvent event) throws InterruptedException {
    if (loop != null) {
      loop.shutdownNow();
      workers.shutdown();
      workers.awaitTermination(5, TimeUnit.SECONDS);
    }
  }

  /**
   * Claims only as many runs as there are idle workers and does not wait for them: a long tool call
   * holds one worker (and its run's lease), never the loop.
   */
  private void tick() {
    try {
      int free = config.batchSize() - busy.get();
      if (free <= 0) {
        return;
      }
      for (UUID id : claims.claim(owner, free, config.lease())) {
        busy.incrementAndGet();
        workers.submit(
            () -> {
              try {
                work(id);
              } finally {
                busy.decrementAndGet();
              }
            });
      }
    } catch (RuntimeException e) {
      LOG.warnf("Pipeline executor tick failed, retrying: %s", e.toString());
    }
  }

  private void work(UUID runId) {
    try {
      runner.step(runId, owner);
    } catch (RuntimeException e) {
      LOG.warnf(e, "Step of run %s failed; it is retried after its lease", runId);
      return;
    }
    try {
      tx.release(runId, owner);
    } catch (RuntimeException e) {
      LOG.warnf("Releasing run %s failed: %s", runId, e.toString());
    }
  }

  private static java.util.concurrent.ThreadFactory daemon(String name) {
    return runnable -> {
      Thread thread = new Thread(runnable, name);
      thread.setDaemon(true);
      return thread;
    };
  }
}
