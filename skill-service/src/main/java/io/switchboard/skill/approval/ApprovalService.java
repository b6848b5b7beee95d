package io.switchboard.skill.approval;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.defaults.event.EventEnvelope;
import io.switchboard.defaults.event.Topics;
import io.switchboard.defaults.outbox.Outbox;
import io.switchboard.defaults.problem.ProblemException;
import io.switchboard.skill.config.ApprovalConfig;
import io.switchboard.skill.execute.ToolCall;
import io.switchboard.skill.permission.PermissionService;
import io.switchboard.skill.tool.PermissionLevel;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Approvals: created pending (event {@code approval.requested}), answered once (event {@code
 * approval.resolved}; {@code remember} writes an override), expired when unanswered, and used by
 * exactly the call they were asked for, once.
 */
@ApplicationScoped
public class ApprovalService {

  public static final String REQUESTED = "approval.requested";
  public static final String RESOLVED = "approval.resolved";

  private final ApprovalConfig config;
  private final Outbox outbox;
  private final ObjectMapper json;
  private final PermissionService permissions;

  public ApprovalService(
      ApprovalConfig config, Outbox outbox, ObjectMapper json, PermissionService permissions) {
    this.config = config;
    this.outbox = outbox;
    this.json = json;
    this.permissions = permissions;
  }

  @Transactional
  public Approval create(ToolCall call, String summary) {
    Approval a = new Approval();
    a.id = UUID.randomUUID();
    a.userId = call.userId();
    a.skillId = call.skillId();
    a.tool = call.tool();
    a.arguments = call.arguments();
    a.summary = summary != null ? summary : Summaries.of(call);
    a.requestedBy = call.requestedBy();
    a.status = Approval.PENDING;
    a.createdAt = Instant.now();
    a.expiresAt = a.createdAt.plus(config.ttl());
    a.persist();
    publish(REQUESTED, a);
    return a;
  }

  /** Answers a pending approval: 404 unknown or another user's; 409 answered or expired. */
  @Transactional
  public Approval resolve(UUID id, UUID user, boolean approved, boolean remember) {
    Approval a = owned(id, user);
    if (Approval.PENDING.equals(a.status) && !a.expiresAt.isAfter(Instant.now())) {
      expire(a);
    }
    if (!Approval.PENDING.equals(a.status)) {
      throw ProblemException.of(
          409, "approval_resolved", "Approval closed", "The approval is already " + a.status);
    }
    a.status = approved ? Approval.APPROVED : Approval.DENIED;
    a.remember = remember;
    a.resolvedAt = Instant.now();
    if (remember) {
      permissions.upsert(
          a.userId,
          a.skillId,
          a.tool,
          approved ? PermissionLevel.ALLOW : PermissionLevel.DENY,
          "remembered from approval " + a.id,
          null);
    }
    publish(RESOLVED, a);
    return a;
  }

  /** Marks the approval used by {@code call}; 409 unless approved, unused and for that call. */
  @Transactional
  public Approval consume(ToolCall call) {
    Approval a = owned(call.approvalRequestId(), call.userId());
    if (!Approval.APPROVED.equals(a.status)) {
      throw ProblemException.of(
          409, "approval_not_approved", "Not approved", "The approval is " + a.status);
    }
    if (a.usedAt != null) {
      throw ProblemException.of(
          409, "approval_used", "Approval used", "The approved call has already run");
    }
    if (!a.skillId.equals(call.skillId())
        || !a.tool.equals(call.tool())
        || !a.arguments.equals(call.arguments())) {
      throw ProblemException.of(
          409,
          "approval_mismatch",
          "Another call",
          "The approval was given for another call (skill, tool or arguments differ)");
    }
    a.usedAt = Instant.now();
    return a;
  }

  @Transactional
  public Approval get(UUID id, UUID user) {
    Approval a = Approval.findById(id);
    if (a == null || !a.userId.equals(user)) {
      throw ProblemException.notFound("Approval");
    }
    return a;
  }

  @Transactional
  public List<Approval> pending(UUID user) {
    return Approval.list(
        "userId = ?1 and status = ?2 and expiresAt > ?3 order by createdAt",
        user,
        Approval.PENDING,
        Instant.now());
  }

  /** Closes up to 100 pending approvals past their expiry; answers how many. */
  @Transactional
  public int expireDue() {
    List<Approval> due =
        Approval.find("status = ?1 and expiresAt <= ?2", Approval.PENDING, Instant.now())
            .withLock(LockModeType.PESSIMISTIC_WRITE)
            .page(0, 100)
            .list();
    due.forEach(this::expire);
    return due.size();
  }

  private void expire(Approval a) {
    a.status = Approval.EXPIRED;
    a.resolvedAt = Instant.now();
    publish(RESOLVED, a);
  }

  private Approval owned(UUID id, UUID user) {
    Approval a = Approval.findById(id, LockModeType.PESSIMISTIC_WRITE);
    if (a == null || !a.userId.equals(user)) {
      throw ProblemException.notFound("Approval");
    }
    return a;
  }

  private void publish(String type, Approval a) {
    String user = a.userId.toString();
    outbox.publish(
        Topics.APPROVAL_EVENTS,
        user,
        EventEnvelope.create(type, "skill-service", user, json.valueToTree(ApprovalView.of(a))));
  }
}
