package io.switchboard.pipeline.run.service;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.pipeline.approval.service.ApprovalService;
import io.switchboard.pipeline.client.AgentClient;
import io.switchboard.pipeline.client.AgentClient.AgentState;
import io.switchboard.pipeline.client.SkillClient;
import io.switchboard.pipeline.client.SkillClient.ToolResult;
import io.switchboard.pipeline.config.PipelineConfig;
import io.switchboard.pipeline.notification.service.NotificationService;
import io.switchboard.pipeline.run.PipelineRun;
import io.switchboard.pipeline.run.PipelineStage;
import io.switchboard.pipeline.run.service.RunTransitions.Work;
import io.switchboard.pipeline.template.StageDefinition;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

/**
 * Moves one claimed run forward by one step of its current stage. Remote calls happen outside any
 * transaction; their outcome is written by {@link RunTransitions#apply}.
 */
@ApplicationScoped
public class StageRunner {

  private static final Logger LOG = Logger.getLogger(StageRunner.class);

  private final RunTransitions tx;
  private final StageOutcomes outcomes;
  private final StageConfigs configs;
  private final AgentClient agents;
  private final SkillClient skills;
  private final ApprovalService approvals;
  private final NotificationService notifications;
  private final PipelineConfig config;

  public StageRunner(
      RunTransitions tx,
      StageOutcomes outcomes,
      StageConfigs configs,
      @RestClient AgentClient agents,
      @RestClient SkillClient skills,
      ApprovalService approvals,
      NotificationService notifications,
      PipelineConfig config) {
    this.tx = tx;
    this.outcomes = outcomes;
    this.configs = configs;
    this.agents = agents;
    this.skills = skills;
    this.approvals = approvals;
    this.notifications = notifications;
    this.config = config;
  }

  public void step(UUID runId, String owner) {
    Optional<Work> loaded = tx.load(runId, owner);
    if (loaded.isEmpty()) {
      return;
    }
    Work w = loaded.get();
    switch (w.stage().type) {
      case StageDefinition.AGENT -> agent(w, owner);
      case StageDefinition.TOOL -> tool(w, owner);
      case StageDefinition.APPROVAL -> approval(w, owner);
      default -> notify(w, owner);
    }
  }

  private void agent(Work w, String owner) {
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
      if (recorded.isEmpty()) {
        // Stopped (or taken over) while the agent was starting: nobody will wait for it.
        cancelAgent(agentId, w.run().userId);
      }
      return;
    }
    pollAgent(w, owner);
  }

  private void pollAgent(Work w, String owner) {
    PipelineStage stage = w.stage();
    Instant now = Instant.now();
    if (now.isAfter(stage.attemptStartedAt.plusSeconds(stage.timeoutSeconds))) {
      cancelAgent(stage.externalId, w.run().userId);
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

  private void tool(Work w, String owner) {
    if (PipelineStage.RUNNING.equals(w.stage().status)) {
      // Claimed while "running": the replica that made the call died before its answer.
      tx.apply(w, owner, (run, s) -> outcomes.failAttempt(run, s, "interrupted by a restart"));
      return;
    }
    Optional<Work> begun =
        tx.apply(
            w,
            owner,
            (run, s) -> {
              RunTransitions.beginAttempt(run, s, Instant.now());
              run.leaseUntil = Instant.now().plusSeconds(s.timeoutSeconds + 30L);
            });
    if (begun.isEmpty()) {
      return;
    }
    Work b = begun.get();
    String key = b.run().id + ":" + b.stage().name + ":" + b.stage().attempts;
    ToolResult result;
    try {
      result = skills.execute(key, configs.toolRequest(b));
    } catch (RuntimeException e) {
      String error = "skill-service did not run the tool: " + describe(e);
      tx.apply(b, owner, (run, s) -> outcomes.failAttempt(run, s, error));
      return;
    }
    String text = text(result.result());
    if (result.isError()) {
      tx.apply(b, owner, (run, s) -> outcomes.failAttempt(run, s, text));
    } else {
      tx.apply(b, owner, (run, s) -> outcomes.complete(run, s, text));
    }
  }

  private void approval(Work w, String owner) {
    if (w.stage().externalId == null) {
      String question = configs.render(w, "question");
      tx.apply(w, owner, (run, s) -> approvals.request(run, s, question));
    } else {
      tx.apply(w, owner, approvals::checkExpiry);
    }
  }

  private void notify(Work w, String owner) {
    String title = configs.render(w, "title");
    String body = configs.render(w, "body");
    tx.apply(
        w,
        owner,
        (run, s) -> {
          RunTransitions.beginAttempt(run, s, Instant.now());
          var data = configs.json().createObjectNode().put("runId", run.id.toString());
          data.put("stage", s.name);
          var n = notifications.create(run.userId, "pipeline.notify", title, body, data, null);
          outcomes.complete(run, s, n.id.toString());
        });
  }

  /** Best effort: agent-service may be down; the agent then ends by its own timeout. */
  public void cancelAgent(String agentId, UUID userId) {
    try {
      agents.cancel(agentId, new AgentClient.CancelRequest(userId));
    } catch (RuntimeException e) {
      LOG.infof("Could not cancel agent %s: %s", agentId, e.toString());
    }
  }

  private static String text(JsonNode result) {
    if (result == null || result.isNull()) {
      return "";
    }
    return result.isTextual() ? result.asText() : result.toString();
  }

  private static String describe(RuntimeException e) {
    if (e instanceof WebApplicationException w) {
      return "HTTP " + w.getResponse().getStatus();
    }
    return e.getClass().getSimpleName();
  }
}
