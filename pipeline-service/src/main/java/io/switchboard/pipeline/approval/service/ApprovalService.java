package io.switchboard.pipeline.approval.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.defaults.event.EventEnvelope;
import io.switchboard.defaults.event.Topics;
import io.switchboard.defaults.outbox.Outbox;
import io.switchboard.defaults.problem.ProblemException;
import io.switchboard.pipeline.approval.PipelineApproval;
import io.switchboard.pipeline.run.PipelineRun;
import io.switchboard.pipeline.run.PipelineStage;
import io.switchboard.pipeline.run.service.RunEvents;
import io.switchboard.pipeline.run.service.StageOutcomes;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The approval requests of approval stages: created by the executor, answered through {@code POST
 * /internal/approvals/{id}/resolve} (agent-service forwards {@code /api/chat/approve} there), and
 * denied when they expire.
 */
@ApplicationScoped
public class ApprovalService {

  public static final String REQUESTED = "approval.requested";
  public static final String RESOLVED = "approval.resolved";

  private final Outbox outbox;
  private final StageOutcomes outcomes;
  private final RunEvents events;
  private final ObjectMapper json;

  public ApprovalService(
      Outbox outbox, StageOutcomes outcomes, RunEvents events, ObjectMapper json) {
    this.outbox = outbox;
    this.outcomes = outcomes;
    this.events = events;
    this.json = json;
  }

  /** Opens the approval of a stage (executor, run locked). */
  @Transactional(Transactional.TxType.MANDATORY)
  public void request(PipelineRun run, PipelineStage stage, String question) {
    Instant now = Instant.now();
    PipelineApproval a = new PipelineApproval();
    a.id = UUID.randomUUID();
    a.userId = run.userId;
    a.runId = run.id;
    a.stageIndex = stage.index;
    a.question = question;
    a.status = PipelineApproval.PENDING;
    a.createdAt = now;
    a.expiresAt = now.plusSeconds(stage.timeoutSeconds);
    a.persist();
    stage.attempts = 1;
    stage.status = PipelineStage.AWAITING_APPROVAL;
    stage.externalId = a.id.toString();
    stage.startedAt = now;
    stage.attemptStartedAt = now;
    run.status = PipelineRun.AWAITING_APPROVAL;
    run.nextCheckAt = a.expiresAt;
    ObjectNode data = describe(a, stage).put("question", question);
    data.put("expiresAt", a.expiresAt.toString());
    publish(a, REQUESTED, data);
    events.publish(run, RunEvents.AWAITING_APPROVAL, data.deepCopy().without("source"));
  }

  /** The executor woke up at the expiry: an unanswered approval is denied. */
  @Transactional(Transactional.TxType.MANDATORY)
  public void checkExpiry(PipelineRun run, PipelineStage stage) {
    PipelineApproval a = PipelineApproval.findById(UUID.fromString(stage.externalId));
    if (a == null || !PipelineApproval.PENDING.equals(a.status)) {
      run.nextCheckAt = null;
      return;
    }
    if (Instant.now().isBefore(a.expiresAt)) {
      run.nextCheckAt = a.expiresAt;
      return;
    }
    expire(a, run, stage);
  }

  /** 200 with the outcome; 404 unknown, another user's or expired; 409 already answered. */
  @Transactional(dontRollbackOn = ProblemException.class)
  public String resolve(UUID userId, UUID requestId, boolean approved) {
    PipelineApproval a =
        PipelineApproval.<PipelineApproval>find("id = ?1 and userId = ?2", requestId, userId)
            .withLock(LockModeType.PESSIMISTIC_WRITE)
            .firstResultOptional()
            .orElseThrow(() -> ProblemException.notFound("Approval request"));
    PipelineRun run = PipelineRun.findById(a.runId, LockModeType.PESSIMISTIC_WRITE);
    PipelineStage stage =
        PipelineStage.<PipelineStage>find("runId = ?1 and index = ?2", a.runId, a.stageIndex)
            .firstResult();
    if (PipelineApproval.EXPIRED.equals(a.status)) {
      throw ProblemException.notFound("Approval request");
    }
    if (!PipelineApproval.PENDING.equals(a.status)) {
      throw ProblemException.of(409, "already_resolved", "Conflict", "Already " + a.status);
    }
    if (!Instant.now().isBefore(a.expiresAt)) {
      expire(a, run, stage);
      throw ProblemException.notFound("Approval request");
    }
    a.status = approved ? PipelineApproval.APPROVED : PipelineApproval.DENIED;
    a.resolvedAt = Instant.now();
    publish(a, RESOLVED, describe(a, stage).put("approved", approved).put("outcome", a.status));
    if (approved) {
      outcomes.complete(run, stage, "approved");
    } else {
      outcomes.fail(run, stage, "approval denied");
    }
    return a.status;
  }

  /** A stopped run's open approval is withdrawn (run locked by the caller). */
  @Transactional(Transactional.TxType.MANDATORY)
  public void cancel(PipelineStage stage) {
    PipelineApproval a = PipelineApproval.findById(UUID.fromString(stage.externalId));
    if (a != null && PipelineApproval.PENDING.equals(a.status)) {
      a.status = PipelineApproval.CANCELLED;
      a.resolvedAt = Instant.now();
      publish(a, RESOLVED, describe(a, stage).put("approved", false).put("outcome", a.status));
    }
  }

  @Transactional
  public List<PipelineApproval> pending(UUID userId) {
    return PipelineApproval.list(
        "userId = ?1 and status = ?2 and expiresAt > ?3 order by createdAt",
        userId,
        PipelineApproval.PENDING,
        Instant.now());
  }

  private void expire(PipelineApproval a, PipelineRun run, PipelineStage stage) {
    a.status = PipelineApproval.EXPIRED;
    a.resolvedAt = Instant.now();
    publish(a, RESOLVED, describe(a, stage).put("approved", false).put("outcome", a.status));
    if (run.active() && stage.externalId != null && stage.externalId.equals(a.id.toString())) {
      outcomes.fail(run, stage, "approval expired (denied)");
    }
  }

  private ObjectNode describe(PipelineApproval a, PipelineStage stage) {
    ObjectNode data = json.createObjectNode();
    data.put("requestId", a.id.toString());
    data.put("source", "pipeline");
    data.put("runId", a.runId.toString());
    data.put("stage", stage.name);
    return data;
  }

  private void publish(PipelineApproval a, String type, ObjectNode data) {
    String user = a.userId.toString();
    outbox.publish(
        Topics.APPROVAL_EVENTS, user, EventEnvelope.create(type, RunEvents.SOURCE, user, data));
  }
}
