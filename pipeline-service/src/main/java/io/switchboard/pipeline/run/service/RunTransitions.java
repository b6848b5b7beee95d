package io.switchboard.pipeline.run.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.pipeline.run.PipelineRun;
import io.switchboard.pipeline.run.PipelineStage;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BiConsumer;

/**
 * The executor's short transactions. Each locks the run and applies its change only if the run is
 * still this replica's (lease), still active, and the stage unchanged since it was loaded: a stop,
 * an approval answer or another replica may have moved it meanwhile, and then the change is
 * dropped.
 */
@ApplicationScoped
public class RunTransitions {

  /** What the executor works on: a detached snapshot. */
  public record Work(
      PipelineRun run, PipelineStage stage, JsonNode input, Map<String, String> outputs) {}

  private final ObjectMapper json;

  public RunTransitions(ObjectMapper json) {
    this.json = json;
  }

  @Transactional
  public Optional<Work> load(UUID runId, String owner) {
    PipelineRun run = PipelineRun.findById(runId);
    if (run == null || !run.active() || !owner.equals(run.leaseOwner)) {
      return Optional.empty();
    }
    List<PipelineStage> stages = PipelineStage.list("runId = ?1 order by index", runId);
    Map<String, String> outputs = new HashMap<>();
    PipelineStage current = null;
    for (PipelineStage s : stages) {
      if (PipelineStage.COMPLETED.equals(s.status)) {
        outputs.put(s.name, s.output == null ? "" : s.output);
      }
      if (s.index == run.currentStage) {
        current = s;
      }
    }
    if (current == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(new Work(run, current, json.readTree(run.input), outputs));
    } catch (Exception e) {
      throw new IllegalStateException("Unreadable input of run " + runId, e);
    }
  }

  /**
   * Runs {@code change} on the locked run and stage if they are unchanged since {@code work} was
   * loaded: the snapshot after the change, or empty when the change was dropped.
   */
  @Transactional
  public Optional<Work> apply(
      Work work, String owner, BiConsumer<PipelineRun, PipelineStage> change) {
    PipelineRun run = PipelineRun.findById(work.run().id, LockModeType.PESSIMISTIC_WRITE);
    if (run == null || !run.active() || !owner.equals(run.leaseOwner)) {
      return Optional.empty();
    }
    PipelineStage stage = PipelineStage.findById(work.stage().id);
    PipelineStage seen = work.stage();
    boolean unchanged =
        run.currentStage == seen.index
            && stage.status.equals(seen.status)
            && stage.attempts == seen.attempts
            && Objects.equals(stage.externalId, seen.externalId);
    if (!unchanged) {
      return Optional.empty();
    }
    change.accept(run, stage);
    return Optional.of(new Work(run, stage, work.input(), work.outputs()));
  }

  /** Begins an attempt: counted before the remote call, so a crash mid-call still counts. */
  public static void beginAttempt(PipelineRun run, PipelineStage stage, Instant now) {
    stage.attempts++;
    stage.status = PipelineStage.RUNNING;
    stage.externalId = null;
    stage.attemptStartedAt = now;
    if (stage.startedAt == null) {
      stage.startedAt = now;
    }
    run.status = PipelineRun.RUNNING;
  }

  /** Whether the run is still active (pending, running or awaiting approval), whoever holds it. */
  @Transactional
  public boolean active(UUID runId) {
    PipelineRun run = PipelineRun.findById(runId);
    return run != null && run.active();
  }

  /** Releases this replica's claim on a run. */
  @Transactional
  public void release(UUID runId, String owner) {
    PipelineRun.update(
        "leaseOwner = null, leaseUntil = null where id = ?1 and leaseOwner = ?2", runId, owner);
  }
}
