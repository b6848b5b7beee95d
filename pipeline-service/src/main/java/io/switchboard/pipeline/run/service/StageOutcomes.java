package io.switchboard.pipeline.run.service;

import io.switchboard.pipeline.config.PipelineConfig;
import io.switchboard.pipeline.run.PipelineRun;
import io.switchboard.pipeline.run.PipelineStage;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;

/**
 * The end of a stage, applied to a locked run in the caller's transaction: completing a stage and
 * scheduling the next one (or completing the run) happen together, so a restart never runs a
 * completed stage again.
 */
@ApplicationScoped
public class StageOutcomes {

  private final RunEvents events;
  private final PipelineConfig config;

  public StageOutcomes(RunEvents events, PipelineConfig config) {
    this.events = events;
    this.config = config;
  }

  @Transactional(Transactional.TxType.MANDATORY)
  public void complete(PipelineRun run, PipelineStage stage, String output) {
    Instant now = Instant.now();
    stage.status = PipelineStage.COMPLETED;
    stage.output = output;
    stage.error = null;
    stage.completedAt = now;
    events.publish(
        run,
        RunEvents.STAGE_COMPLETED,
        events.data().put("stage", stage.name).put("index", stage.index));
    PipelineStage next =
        PipelineStage.<PipelineStage>find("runId = ?1 and index = ?2", run.id, stage.index + 1)
            .firstResult();
    if (next != null) {
      run.currentStage = next.index;
      run.currentStageName = next.name;
      run.status = PipelineRun.RUNNING;
      run.nextCheckAt = now;
    } else {
      run.status = PipelineRun.COMPLETED;
      run.completedAt = now;
      run.nextCheckAt = null;
      events.publish(run, RunEvents.COMPLETED, null);
    }
  }

  /** A failed attempt: retried after a backoff while attempts are left, else the run fails. */
  @Transactional(Transactional.TxType.MANDATORY)
  public void failAttempt(PipelineRun run, PipelineStage stage, String error) {
    if (stage.attempts <= stage.maxRetries) {
      stage.status = PipelineStage.PENDING;
      stage.error = error;
      stage.externalId = null;
      run.status = PipelineRun.RUNNING;
      run.nextCheckAt = Instant.now().plus(backoff(stage.attempts));
    } else {
      fail(run, stage, error);
    }
  }

  /** The stage fails for good, and with it the run. */
  @Transactional(Transactional.TxType.MANDATORY)
  public void fail(PipelineRun run, PipelineStage stage, String error) {
    Instant now = Instant.now();
    stage.status = PipelineStage.FAILED;
    stage.error = error;
    stage.completedAt = now;
    run.status = PipelineRun.FAILED;
    run.error = "Stage '" + stage.name + "' failed: " + error;
    run.completedAt = now;
    run.nextCheckAt = null;
    events.publish(run, RunEvents.FAILED, events.data().put("stage", stage.name));
  }

  Duration backoff(int attempts) {
    Duration d = config.retryBackoff().multipliedBy(1L << Math.min(Math.max(attempts - 1, 0), 20));
    return d.compareTo(config.retryBackoffMax()) > 0 ? config.retryBackoffMax() : d;
  }
}
