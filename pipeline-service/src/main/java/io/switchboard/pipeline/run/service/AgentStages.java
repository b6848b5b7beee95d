package io.switchboard.pipeline.run.service;

import io.switchboard.pipeline.client.AgentClient;
import io.switchboard.pipeline.client.AgentClient.AgentState;
import io.switchboard.pipeline.config.PipelineConfig;
import io.switchboard.pipeline.run.PipelineRun;
import io.switchboard.pipeline.run.PipelineStage;
import io.switchboard.pipeline.run.service.RunTransitions.Work;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

/**
 * Agent stages: start the agent at agent-service (idempotent per attempt), then poll its status
 * with a growing pause until it answers, fails or times out (contract in the README).
 */
@ApplicationScoped
public class AgentStages {

  private static final Logger LOG = Logger.getLogger(AgentStages.class);

  private final RunTransitions tx;
  private final StageOutcomes outcomes;
  private final StageConfigs configs;
  private final AgentClient agents;
  private final PipelineConfig config;

  public AgentStages(
      RunTransitions tx,
      StageOutcomes outcomes,
      StageConfigs configs,
      @RestClient AgentClient agents,
      PipelineConfig config) {
    this.tx = tx;
    this.outcomes = outcomes;
    this.configs = configs;
    this.agents = agents;
    this.config = config;
  }

  public void step(Work w, String owner) {
    PipelineStage stage = w.stage();
    if (PipelineStage.PENDING.equals(stage.status)) {
      Optional<Work> begun =
          tx.apply(w, owner, (run, s) -> RunTransitions.beginAttempt(run, s, Instant.now()));
      if (begun.isEmpty()) {
        return;
      }
      w = begun.get();
      stage = w.stage();
    }
    if (stage.externalId == null) {
      // A new attempt, or one whose start answer was lost in a restart: the same key again.
      String key = w.run().id + ":" + stage.name + ":" + stage.attempts;
      String agentId;
      try {
        agentId = agents.start(key, configs.agentRun(w)).agentId();
      } catch (RuntimeException e) {
        String error = "agent-service did not start the agent: " + describe(e);
        tx.apply(w, owner, (run, s) -> outcomes.failAttempt(run, s, error));
        return;
      }
      Optional<Work> recorded =
          tx.apply(
              w,
              owner,
              (run, s) -> {
                s.externalId = agentId;
                run.nextCheckAt = Instant.now().plus(config.agentPollMin());
              });
      if (recorded.isEmpty() && !tx.active(w.run().id)) {
        // Stopped while the agent was starting: nobody will wait for it. A run another replica
        // took over keeps its agent: the new owner starts with the same key and gets it back.
        cancel(agentId, w.run().userId);
      }
      return;
    }
    pollAgent(w, owner);
  }

  private void pollAgent(Work w, String owner) {
    PipelineStage stage = w.stage();
    Instant now = Instant.now();
    if (now.isAfter(stage.attemptStartedAt.plusSeconds(stage.timeoutSeconds))) {
      cancel(stage.externalId, w.run().userId);
      String error = "timed out after " + stage.timeoutSeconds + "s";
      tx.apply(w, owner, (run, s) -> outcomes.failAttempt(run, s, error));
      return;
    }
    AgentState state;
    try {
      state = agents.get(stage.externalId, w.run().userId);
    } catch (WebApplicationException e) {
      if (e.getResponse().getStatus() == 404) {
        tx.apply(w, owner, (run, s) -> outcomes.failAttempt(run, s, "the agent is gone"));
      } else {
        reschedule(w, owner, PipelineRun.RUNNING, now);
      }
      return;
    } catch (RuntimeException e) {
      LOG.debugf("Polling agent %s failed: %s", stage.externalId, e.toString());
      reschedule(w, owner, w.run().status, now);
      return;
    }
    String status = state.status() == null ? "" : state.status();
    switch (status) {
      case "idle" -> {
        String output = state.lastMessage() == null ? "" : state.lastMessage().content();
        tx.apply(w, owner, (run, s) -> outcomes.complete(run, s, output == null ? "" : output));
      }
      case "error", "cancelled", "stopped" -> {
        String error = state.lastError() == null ? "the agent ended: " + status : state.lastError();
        tx.apply(w, owner, (run, s) -> outcomes.failAttempt(run, s, error));
      }
      case "awaiting_approval" -> reschedule(w, owner, PipelineRun.AWAITING_APPROVAL, now);
      default -> reschedule(w, owner, PipelineRun.RUNNING, now);
    }
  }

  /** Polls again later: the pause grows with the attempt's age, between agentPollMin and Max. */
  private void reschedule(Work w, String owner, String runStatus, Instant now) {
    Duration age = Duration.between(w.stage().attemptStartedAt, now);
    Duration pause = age.dividedBy(5);
    pause = pause.compareTo(config.agentPollMin()) < 0 ? config.agentPollMin() : pause;
    Duration next = pause.compareTo(config.agentPollMax()) > 0 ? config.agentPollMax() : pause;
    tx.apply(
        w,
        owner,
        (run, s) -> {
          run.status = runStatus;
          run.nextCheckAt = now.plus(next);
        });
  }

  /** Best effort: agent-service may be down; the agent then ends by its own timeout. */
  public void cancel(String agentId, UUID userId) {
    try {
      agents.cancel(agentId, new AgentClient.CancelRequest(userId));
    } catch (RuntimeException e) {
      LOG.infof("Could not cancel agent %s: %s", agentId, e.toString());
    }
  }

  static String describe(RuntimeException e) {
    if (e instanceof WebApplicationException w) {
      return "HTTP " + w.getResponse().getStatus();
    }
    return e.getClass().getSimpleName();
  }
}
