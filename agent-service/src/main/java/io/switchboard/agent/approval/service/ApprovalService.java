package io.switchboard.agent.approval.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.panache.common.Sort;
import io.switchboard.agent.approval.Approval;
import io.switchboard.agent.chat.rest.ChatDtos.ApproveRequest;
import io.switchboard.agent.client.Pipelines;
import io.switchboard.agent.client.SkillDtos;
import io.switchboard.agent.client.Skills;
import io.switchboard.agent.client.ToolCatalog;
import io.switchboard.agent.runtime.Worker;
import io.switchboard.defaults.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The user's answers to approval requests. Requests this service does not know are skill-service's
 * (from its public execute endpoint): the answer is forwarded there.
 */
@ApplicationScoped
public class ApprovalService {

  private final Approvals approvals;
  private final Skills skills;
  private final Pipelines pipelines;
  private final ToolCatalog catalog;
  private final Worker worker;
  private final ObjectMapper json;

  public ApprovalService(
      Approvals approvals,
      Skills skills,
      Pipelines pipelines,
      ToolCatalog catalog,
      Worker worker,
      ObjectMapper json) {
    this.approvals = approvals;
    this.skills = skills;
    this.pipelines = pipelines;
    this.catalog = catalog;
    this.worker = worker;
    this.json = json;
  }

  /** This service's own pending approvals, marked {@code source:"agent"} with their age. */
  @Transactional
  public List<ApprovalView> pendingWithAge(UUID userId) {
    return Approval.<Approval>find(
            "userId = ?1 and status = 'pending' and expiresAt > ?2",
            Sort.by("createdAt"),
            userId,
            Instant.now())
        .list()
        .stream()
        .map(a -> ApprovalView.of(a, json).listed("agent", a.createdAt))
        .toList();
  }

  public void resolve(UUID userId, ApproveRequest request, String userToken) {
    boolean approved = request.approved();
    boolean remember = Boolean.TRUE.equals(request.remember());
    Approval decided =
        QuarkusTransaction.requiringNew().call(() -> decide(userId, request, approved, remember));
    if (decided == null) {
      forward(userId, request.requestId(), approved, remember);
      return;
    }
    if (remember) {
      catalog.remember(
          userToken, decided.skillId, SkillDtos.actionOf(decided.skillId, decided.tool), approved);
    }
    worker.nudge();
  }

  /** Null when agent-service has no such request at all. */
  private Approval decide(UUID userId, ApproveRequest request, boolean approved, boolean remember) {
    Approval a = Approval.findById(request.requestId(), LockModeType.PESSIMISTIC_WRITE);
    if (a == null) {
      return null;
    }
    boolean expired =
        Approval.EXPIRED.equals(a.status)
            || Approval.CANCELLED.equals(a.status)
            || Approval.PENDING.equals(a.status) && !a.expiresAt.isAfter(Instant.now());
    if (!a.userId.equals(userId) || expired) {
      throw ProblemException.notFound("Approval request");
    }
    if (!Approval.PENDING.equals(a.status)) {
      throw ProblemException.of(
          409, "already_resolved", "Conflict", "This approval request was already answered");
    }
    approvals.decide(
        a, approved ? Approval.APPROVED : Approval.DENIED, remember, request.response());
    return a;
  }

  private void forward(UUID userId, UUID requestId, boolean approved, boolean remember) {
    int status = skills.resolve(requestId, userId, approved, remember);
    if (status == 404) {
      // Not skill-service's either: perhaps a pipeline's approval gate.
      status = pipelines.resolve(requestId, userId, approved);
    }
    if (status == 404) {
      throw ProblemException.notFound("Approval request");
    }
    if (status == 409) {
      throw ProblemException.of(
          409, "already_resolved", "Conflict", "This approval request was already answered");
    }
    if (status / 100 != 2) {
      throw ProblemException.of(
          502,
          "skill_service_unavailable",
          "Bad gateway",
          "skill-service could not resolve the request (HTTP " + status + ")");
    }
  }
}
