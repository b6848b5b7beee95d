package io.switchboard.pipeline.run.service;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.pipeline.client.SkillClient;
import io.switchboard.pipeline.client.SkillClient.ApprovalState;
import io.switchboard.pipeline.client.SkillClient.ToolResult;
import io.switchboard.pipeline.config.PipelineConfig;
import io.switchboard.pipeline.run.PipelineRun;
import io.switchboard.pipeline.run.PipelineStage;
import io.switchboard.pipeline.run.service.RunTransitions.Work;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;
import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

/**
 * Tool stages: one {@code POST /internal/tools/execute} per attempt. When the user's permission for
 * the tool is {@code ask}, skill-service answers 202 with an approval request: the stage and the
 * run wait ({@code awaiting_approval}) until the user answers it (through {@code POST
 * /api/chat/approve}, which agent-service forwards to skill-service). Approved → the call runs with
 * that approval (exactly this call, once); denied or expired → the stage and the run fail (no
 * retries). The approval is read from skill-service at every check; an {@code approval.resolved}
 * event makes the check immediate.
 */
@ApplicationScoped
public class ToolStages {

  private static final Logger LOG = Logger.getLogger(ToolStages.class);

  private final RunTransitions tx;
  private final StageOutcomes outcomes;
  private final StageConfigs configs;
  private final SkillClient skills;
  private final RunEvents events;
  private final PipelineConfig config;

  public ToolStages(
      RunTransitions tx,
      StageOutcomes outcomes,
      StageConfigs configs,
      @RestClient SkillClient skills,
      RunEvents events,
      PipelineConfig config) {
    this.tx = tx;
    this.outcomes = outcomes;
    this.configs = configs;
    this.skills = skills;
    this.events = events;
    this.config = config;
  }

  public void step(Work w, String owner) {
    if (PipelineStage.AWAITING_APPROVAL.equals(w.stage().status)) {
      awaitApproval(w, owner);
      return;
    }
    if (PipelineStage.RUNNING.equals(w.stage().status)) {
      // Claimed while "running": the replica that made the call died before its answer.
      tx.apply(w, owner, (run, s) -> outcomes.failAttempt(run, s, "interrupted by a restart"));
      return;
    }
    tx.apply(
            w,
            owner,
            (run, s) -> {
              RunTransitions.beginAttempt(run, s, Instant.now());
              run.leaseUntil = Instant.now().plusSeconds(s.timeoutSeconds + 30L);
            })
        .ifPresent(b -> execute(b, owner, null));
  }

  private void execute(Work b, String owner, UUID approvalId) {
    String key =
        b.run().id
            + ":"
            + b.stage().name
            + ":"
            + b.stage().attempts
            + (approvalId == null ? "" : ":approved");
    ToolResult result;
    try {
      result = skills.execute(key, configs.toolRequest(b, approvalId));
    } catch (RuntimeException e) {
      String error = "skill-service did not run the tool: " + AgentStages.describe(e);
      tx.apply(b, owner, (run, s) -> outcomes.failAttempt(run, s, error));
      return;
    }
    if (result.awaitingApproval() && approvalId == null) {
      JsonNode approval = result.approval() == null ? configs.json().nullNode() : result.approval();
      tx.apply(b, owner, (run, s) -> waitFor(run, s, approval));
      return;
    }
    String text = text(result.result());
    if (result.awaitingApproval() || result.isError()) {
      String error = result.awaitingApproval() ? "skill-service asked for approval again" : text;
      tx.apply(b, owner, (run, s) -> outcomes.failAttempt(run, s, error));
    } else {
      tx.apply(b, owner, (run, s) -> outcomes.complete(run, s, text));
    }
  }

  /** The stage waits on skill-service's approval request (run locked). */
  private void waitFor(PipelineRun run, PipelineStage s, JsonNode approval) {
    Instant now = Instant.now();
    s.status = PipelineStage.AWAITING_APPROVAL;
    s.externalId = approval.path("requestId").asText();
    run.status = PipelineRun.AWAITING_APPROVAL;
    run.nextCheckAt = now.plus(config.agentPollMax());
    var data = events.data().put("stage", s.name).put("requestId", s.externalId);
    data.put("question", approval.path("summary").asText("Run " + s.name + "?"));
    if (approval.hasNonNull("expiresAt")) {
      data.put("expiresAt", approval.get("expiresAt").asText());
    }
    events.publish(run, RunEvents.AWAITING_APPROVAL, data);
  }

  private void awaitApproval(Work w, String owner) {
    UUID requestId = UUID.fromString(w.stage().externalId);
    ApprovalState state;
    try {
      state = skills.approval(requestId, w.run().userId);
    } catch (WebApplicationException e) {
      if (e.getResponse().getStatus() == 404) {
        tx.apply(w, owner, (run, s) -> outcomes.fail(run, s, "the approval request is gone"));
      } else {
        later(w, owner);
      }
      return;
    } catch (RuntimeException e) {
      LOG.debugf("Reading approval %s failed: %s", requestId, e.toString());
      later(w, owner);
      return;
    }
    String status = state.status() == null ? "" : state.status();
    switch (status) {
      case "approved" ->
          tx.apply(
                  w,
                  owner,
                  (run, s) -> {
                    s.status = PipelineStage.RUNNING;
                    run.status = PipelineRun.RUNNING;
                    run.leaseUntil = Instant.now().plusSeconds(s.timeoutSeconds + 30L);
                  })
              .ifPresent(b -> execute(b, owner, requestId));
      case "denied" ->
          tx.apply(w, owner, (run, s) -> outcomes.fail(run, s, "the user denied the tool call"));
      case "expired" ->
          tx.apply(w, owner, (run, s) -> outcomes.fail(run, s, "approval expired (denied)"));
      default -> later(w, owner);
    }
  }

  /** A stopped run's open approval request: denied at skill-service, best effort. */
  public void withdraw(String requestId, UUID userId) {
    try {
      skills.resolve(UUID.fromString(requestId), new SkillClient.Resolution(userId, false, false));
    } catch (RuntimeException e) {
      LOG.infof("Could not withdraw approval request %s: %s", requestId, e.toString());
    }
  }

  private void later(Work w, String owner) {
    tx.apply(w, owner, (run, s) -> run.nextCheckAt = Instant.now().plus(config.agentPollMax()));
  }

  private static String text(JsonNode result) {
    if (result == null || result.isNull()) {
      return "";
    }
    return result.isTextual() ? result.asText() : result.toString();
  }
}
