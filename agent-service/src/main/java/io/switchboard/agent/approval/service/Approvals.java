package io.switchboard.agent.approval.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.agent.agent.Agent;
import io.switchboard.agent.agent.service.AgentStates;
import io.switchboard.agent.approval.Approval;
import io.switchboard.agent.client.ModelDtos.ToolCall;
import io.switchboard.agent.config.AgentConfig;
import io.switchboard.agent.runtime.Work;
import io.switchboard.defaults.event.EventEnvelope;
import io.switchboard.defaults.event.Topics;
import io.switchboard.defaults.outbox.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.UUID;

/**
 * Approvals the loop asks for, and what a decision does to the waiting work: it becomes runnable
 * again (the loop then executes the call, or tells the model it was denied). Requests and outcomes
 * go to {@code approval.events} (key userId) through the outbox.
 */
@ApplicationScoped
public class Approvals {

  public static final String REQUESTED = "approval.requested";
  public static final String RESOLVED = "approval.resolved";

  private final AgentConfig config;
  private final AgentStates states;
  private final Outbox outbox;
  private final ObjectMapper json;

  public Approvals(AgentConfig config, AgentStates states, Outbox outbox, ObjectMapper json) {
    this.config = config;
    this.states = states;
    this.outbox = outbox;
    this.json = json;
  }

  @Transactional(Transactional.TxType.MANDATORY)
  public Approval create(Work work, ToolCall call, String skillId) {
    Approval a = new Approval();
    a.id = UUID.randomUUID();
    a.userId = work.userId;
    a.sessionId = work.sessionId;
    a.agentId = work.agentId;
    a.workId = work.id;
    a.callId = call.id();
    a.skillId = skillId;
    a.tool = call.name();
    a.arguments = call.arguments() == null ? "{}" : call.arguments().toString();
    a.summary = summary(call, skillId);
    a.status = Approval.PENDING;
    a.createdAt = Instant.now();
    a.expiresAt = a.createdAt.plus(config.approvalTtl());
    a.persist();
    ObjectNode data = json.valueToTree(ApprovalView.of(a, json));
    publish(REQUESTED, a, data);
    return a;
  }

  static String summary(ToolCall call, String skillId) {
    String args = call.arguments() == null ? "{}" : call.arguments().toString();
    if (args.length() > 300) {
      args = args.substring(0, 300) + "…";
    }
    String text = "Run " + call.name() + " (" + skillId + ") with " + args;
    return text.length() > 1000 ? text.substring(0, 1000) : text;
  }

  /**
   * Records the decision (approved, denied or expired) and makes the waiting work runnable: the
   * work leaves {@code waiting}; an agent waiting on it goes back to {@code running}.
   */
  @Transactional(Transactional.TxType.MANDATORY)
  public void decide(Approval a, String status, boolean remember, String response) {
    a.status = status;
    a.remember = remember;
    a.response = response;
    a.resolvedAt = Instant.now();
    Work work = Work.findById(a.workId);
    if (work != null && Work.WAITING.equals(work.status)) {
      work.status = Work.STARTED;
      work.updatedAt = Instant.now();
    }
    if (a.agentId != null) {
      Agent agent = Agent.findById(a.agentId);
      if (agent != null && !agent.deleted() && Agent.AWAITING_APPROVAL.equals(agent.status)) {
        states.change(agent, Agent.RUNNING, "approval " + status);
      }
    }
    ObjectNode data = json.createObjectNode();
    data.put("requestId", a.id.toString());
    data.put("approved", Approval.APPROVED.equals(status));
    data.put("status", status);
    publish(RESOLVED, a, data);
  }

  private void publish(String type, Approval a, ObjectNode data) {
    outbox.publish(
        Topics.APPROVAL_EVENTS,
        a.userId.toString(),
        EventEnvelope.create(type, "agent-service", a.userId.toString(), data));
  }
}
