package io.switchboard.skill.execute;

import io.switchboard.defaults.problem.ProblemException;
import io.switchboard.skill.approval.ApprovalService;
import io.switchboard.skill.approval.ApprovalView;
import io.switchboard.skill.permission.PermissionDtos.Decision;
import io.switchboard.skill.permission.PermissionService;
import io.switchboard.skill.tool.PermissionLevel;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * One call through the bridge, for users and services alike: lookup and validation, then the user's
 * permission. {@code deny} → 403 {@code permission_denied}; {@code ask} → a stored approval, unless
 * the call names an approval approved for exactly it; {@code allow} → run.
 */
@ApplicationScoped
public class ToolBridge {

  /** What became of a call: it ran, or it waits for the user's approval. */
  public sealed interface Outcome permits Ran, Awaiting {}

  public record Ran(ToolExecutor.Completed completed) implements Outcome {}

  public record Awaiting(ApprovalView approval) implements Outcome {}

  private final ToolExecutor executor;
  private final PermissionService permissions;
  private final ApprovalService approvals;

  public ToolBridge(
      ToolExecutor executor, PermissionService permissions, ApprovalService approvals) {
    this.executor = executor;
    this.permissions = permissions;
    this.approvals = approvals;
  }

  /**
   * A call the calling service already had approved by the user through its own approval record
   * (agent-service's loop asks the user itself): {@code deny} still refuses; {@code ask} does not
   * ask again.
   */
  public Outcome executeApprovedByCaller(ToolCall call) {
    executor.check(call);
    Decision decision = permissions.check(call.userId(), call.skillId(), call.tool());
    if (PermissionLevel.fromWire(decision.level()) == PermissionLevel.DENY) {
      throw ProblemException.of(
          403,
          "permission_denied",
          "Permission denied",
          "Your permission for " + call.skillId() + "." + call.tool() + " is deny");
    }
    return new Ran(executor.run(call));
  }

  public Outcome execute(ToolCall call) {
    executor.check(call);
    Decision decision = permissions.check(call.userId(), call.skillId(), call.tool());
    PermissionLevel level = PermissionLevel.fromWire(decision.level());
    if (level == PermissionLevel.DENY) {
      throw ProblemException.of(
          403,
          "permission_denied",
          "Permission denied",
          "Your permission for " + call.skillId() + "." + call.tool() + " is deny");
    }
    if (call.approvalRequestId() != null) {
      approvals.consume(call);
      return new Ran(executor.run(call));
    }
    if (level == PermissionLevel.ASK) {
      return new Awaiting(ApprovalView.of(approvals.create(call, null)));
    }
    return new Ran(executor.run(call));
  }
}
