package io.switchboard.agent.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.agent.agent.Agent;
import io.switchboard.agent.agent.service.AgentStates;
import io.switchboard.agent.approval.Approval;
import io.switchboard.agent.approval.service.Approvals;
import io.switchboard.agent.client.ModelDtos.ToolCall;
import io.switchboard.agent.event.EventLog;
import io.switchboard.agent.session.Session;
import io.switchboard.agent.session.service.SessionService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The loop's writes for tool calls, each one fenced transaction with its {@code agent.tool_call}
 * event.
 */
@ApplicationScoped
public class ToolStore {

  private final Fence fence;
  private final SessionService sessions;
  private final AgentStates states;
  private final EventLog events;
  private final Approvals approvals;

  public ToolStore(
      Fence fence,
      SessionService sessions,
      AgentStates states,
      EventLog events,
      Approvals approvals) {
    this.fence = fence;
    this.sessions = sessions;
    this.states = states;
    this.events = events;
    this.approvals = approvals;
  }

  /** An {@code agent.tool_call} event without a transcript change (requested, approved). */
  @Transactional
  public void toolEvent(
      long workId, String owner, ToolCall call, String skillId, String status, Approval approval) {
    Work work = fence.check(workId, owner);
    toolCallEvent(work, call, skillId, status, null, null, approval);
  }

  /** The answer to a tool call goes into the transcript, with its event. */
  @Transactional
  public void saveToolResult(
      long workId,
      String owner,
      ToolCall call,
      String skillId,
      String status,
      String content,
      JsonNode result,
      String error,
      Approval approval) {
    Work work = fence.check(workId, owner);
    Session session = Session.findById(work.sessionId);
    sessions.append(session, null, "tool", content, null, call.id(), null);
    toolCallEvent(work, call, skillId, status, result, error, approval);
  }

  /** Parks the work on a new approval; the agent waits in {@code awaiting_approval}. */
  @Transactional
  public Approval ask(long workId, String owner, ToolCall call, String skillId) {
    Work work = fence.check(workId, owner);
    Approval approval = approvals.create(work, call, skillId);
    work.status = Work.WAITING;
    work.updatedAt = Instant.now();
    Agent agent = work.agentId == null ? null : Agent.findById(work.agentId);
    if (agent != null) {
      states.change(agent, Agent.AWAITING_APPROVAL, "approval " + approval.id);
    }
    toolCallEvent(work, call, skillId, "awaiting_approval", null, null, approval);
    return approval;
  }

  private void toolCallEvent(
      Work work,
      ToolCall call,
      String skillId,
      String status,
      JsonNode result,
      String error,
      Approval approval) {
    if (work.agentId == null) {
      return;
    }
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("callId", call.id());
    data.put("skillId", skillId);
    data.put("tool", call.name());
    data.put("arguments", call.arguments());
    data.put("status", status);
    if (result != null) {
      data.put("result", result);
    }
    if (error != null) {
      data.put("error", error);
    }
    if (approval != null) {
      data.put("approvalRequestId", approval.id);
    }
    events.append(work.agentId, work.userId, EventLog.TOOL_CALL, data);
  }
}
