package io.switchboard.agent.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.agent.approval.Approval;
import io.switchboard.agent.client.ModelDtos.ToolCall;
import io.switchboard.agent.client.SkillDtos.ExecuteRequest;
import io.switchboard.agent.client.SkillDtos.ExecuteResult;
import io.switchboard.agent.client.SkillDtos.PermissionAnswer;
import io.switchboard.agent.client.SkillDtos.ToolDef;
import io.switchboard.agent.client.Skills;
import io.switchboard.agent.runtime.LoopEngine.Outcome;
import io.switchboard.defaults.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;

/**
 * One tool call of the loop: an unknown tool is reported to the model; a decided approval is acted
 * on; otherwise the permission decides — {@code allow} executes, {@code deny} tells the model,
 * {@code ask} parks the work on a new approval.
 */
@ApplicationScoped
public class ToolStep {

  private final ToolStore tools;
  private final Skills skills;
  private final ObjectMapper json;
  private final InFlight inFlight;

  public ToolStep(ToolStore tools, Skills skills, ObjectMapper json, InFlight inFlight) {
    this.inFlight = inFlight;
    this.tools = tools;
    this.skills = skills;
    this.json = json;
  }

  public Outcome run(Snapshot s, String owner, ToolCall call) {
    long workId = s.work().id;
    ToolDef tool = s.tool(call.name());
    if (tool == null) {
      tools.saveToolResult(
          workId,
          owner,
          call,
          null,
          "failed",
          "Error: no tool named " + call.name() + " is available.",
          null,
          "unknown tool",
          null);
      return Outcome.CONTINUE;
    }
    Approval approval = s.approvals().get(call.id());
    if (approval != null) {
      return decided(s, owner, call, tool, approval);
    }
    tools.toolEvent(workId, owner, call, tool.skillId(), "requested", null);
    PermissionAnswer permission =
        inFlight.call(
            s.work().agentId, () -> skills.check(s.work().userId, tool.skillId(), tool.action()));
    switch (permission.level()) {
      case "allow" -> execute(s, owner, call, tool, null);
      case "ask" -> {
        tools.ask(workId, owner, call, tool.skillId());
        return Outcome.WAITING;
      }
      default -> {
        String reason = permission.reason() == null ? "" : " (" + permission.reason() + ")";
        tools.saveToolResult(
            workId,
            owner,
            call,
            tool.skillId(),
            "denied",
            "Permission denied: the user's permissions do not allow "
                + call.name()
                + reason
                + ". Do not try it again; answer without it.",
            null,
            "permission denied",
            null);
      }
    }
    return Outcome.CONTINUE;
  }

  private Outcome decided(Snapshot s, String owner, ToolCall call, ToolDef tool, Approval a) {
    long workId = s.work().id;
    if (Approval.PENDING.equals(a.status) && a.expiresAt.isAfter(Instant.now())) {
      return Outcome.WAITING;
    }
    if (Approval.APPROVED.equals(a.status)) {
      tools.toolEvent(workId, owner, call, tool.skillId(), "approved", a);
      execute(s, owner, call, tool, a);
      return Outcome.CONTINUE;
    }
    String why =
        Approval.DENIED.equals(a.status)
            ? "The user denied this tool call."
            : "Nobody approved this tool call in time; it was not run.";
    if (a.response != null && !a.response.isBlank()) {
      why += " The user said: " + a.response;
    }
    tools.saveToolResult(workId, owner, call, tool.skillId(), "denied", why, null, "denied", a);
    return Outcome.CONTINUE;
  }

  private void execute(Snapshot s, String owner, ToolCall call, ToolDef tool, Approval a) {
    ExecuteRequest request =
        new ExecuteRequest(
            s.work().userId,
            tool.skillId(),
            tool.action(),
            call.arguments(),
            a == null ? null : Boolean.TRUE);
    ExecuteResult result;
    try {
      result = inFlight.call(s.work().agentId, () -> skills.execute(request));
    } catch (ProblemException e) {
      tools.saveToolResult(
          s.work().id,
          owner,
          call,
          tool.skillId(),
          "failed",
          "Error: the tool could not be run (" + e.problem().detail() + ").",
          null,
          e.problem().detail(),
          a);
      return;
    }
    JsonNode value = result == null || result.result() == null ? json.nullNode() : result.result();
    String content = value.isTextual() ? value.asText() : value.toString();
    boolean failed = result != null && result.isError();
    tools.saveToolResult(
        s.work().id,
        owner,
        call,
        tool.skillId(),
        failed ? "failed" : "completed",
        failed ? "Error: " + content : content,
        value,
        failed ? content : null,
        a);
  }
}
