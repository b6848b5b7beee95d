package io.switchboard.pipeline.run.service;

import io.switchboard.pipeline.approval.service.ApprovalService;
import io.switchboard.pipeline.notification.service.NotificationService;
import io.switchboard.pipeline.run.service.RunTransitions.Work;
import io.switchboard.pipeline.template.StageDefinition;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * Moves one claimed run forward by one step of its current stage (agent: {@link AgentStages}, tool:
 * {@link ToolStages}). Remote calls happen outside any transaction; their outcome is written by
 * {@link RunTransitions#apply}.
 */
@ApplicationScoped
public class StageRunner {

  private final RunTransitions tx;
  private final StageOutcomes outcomes;
  private final StageConfigs configs;
  private final AgentStages agentStages;
  private final ToolStages toolStages;
  private final ApprovalService approvals;
  private final NotificationService notifications;

  public StageRunner(
      RunTransitions tx,
      StageOutcomes outcomes,
      StageConfigs configs,
      AgentStages agentStages,
      ToolStages toolStages,
      ApprovalService approvals,
      NotificationService notifications) {
    this.tx = tx;
    this.outcomes = outcomes;
    this.configs = configs;
    this.agentStages = agentStages;
    this.toolStages = toolStages;
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
      case StageDefinition.TOOL -> toolStages.step(w, owner);
      case StageDefinition.APPROVAL -> approval(w, owner);
      default -> notify(w, owner);
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
}
