package io.switchboard.pipeline.run.service;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.pipeline.approval.service.ApprovalService;
import io.switchboard.pipeline.client.SkillClient;
import io.switchboard.pipeline.client.SkillClient.ToolResult;
import io.switchboard.pipeline.notification.service.NotificationService;
import io.switchboard.pipeline.run.PipelineStage;
import io.switchboard.pipeline.run.service.RunTransitions.Work;
import io.switchboard.pipeline.template.StageDefinition;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * Moves one claimed run forward by one step of its current stage. Remote calls happen outside any
 * transaction; their outcome is written by {@link RunTransitions#apply}.
 */
@ApplicationScoped
public class StageRunner {

  private final RunTransitions tx;
  private final StageOutcomes outcomes;
  private final StageConfigs configs;
  private final AgentStages agentStages;
  private final SkillClient skills;
  private final ApprovalService approvals;
  private final NotificationService notifications;

  public StageRunner(
      RunTransitions tx,
      StageOutcomes outcomes,
      StageConfigs configs,
      AgentStages agentStages,
      @RestClient SkillClient skills,
      ApprovalService approvals,
      NotificationService notifications) {
    this.tx = tx;
    this.outcomes = outcomes;
    this.configs = configs;
    this.agentStages = agentStages;
    this.skills = skills;
    this.approvals = approvals;
    this.notifications = notifications;
  }

  public void step(UUID runId, String owner) {
    Optional<Work> loaded = tx.load(runId, owner);
    if (loaded.isEmpty()) {
      return;
    }
    Work w = loaded.get();
    switch (w.stage().type) {
      case StageDefinition.AGENT -> agentStages.step(w, owner);
      case StageDefinition.TOOL -> tool(w, owner);
      case StageDefinition.APPROVAL -> approval(w, owner);
      default -> notify(w, owner);
    }
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
      String error = "skill-service did not run the tool: " + AgentStages.describe(e);
      tx.apply(b, owner, (run, s) -> outcomes.failAttempt(run, s, error));
      return;
    }
    if (result.awaitingApproval()) {
      String error =
          "the tool needs the user's approval (permission 'ask', skill-service request "
              + (result.approval() == null ? "?" : result.approval().path("requestId").asText("?"))
              + "); give the tool 'allow' to use it in a pipeline";
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

  private static String text(JsonNode result) {
    if (result == null || result.isNull()) {
      return "";
    }
    return result.isTextual() ? result.asText() : result.toString();
  }
}
