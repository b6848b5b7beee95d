package io.switchboard.agent.runtime;

import io.switchboard.agent.agent.Agent;
import io.switchboard.agent.approval.Approval;
import io.switchboard.agent.client.SkillDtos.ToolDef;
import io.switchboard.agent.session.Message;
import java.util.List;
import java.util.Map;

/**
 * What one step of the loop reads, loaded in one transaction: the work item, its agent (null for a
 * chat exchange), the transcript, the tools it may use and the session's approvals by call id.
 * {@code held}: the agent is paused, waiting or gone, so nothing runs now.
 */
public record Snapshot(
    Work work,
    Agent agent,
    List<Message> messages,
    List<ToolDef> tools,
    Map<String, Approval> approvals,
    boolean held) {

  public ToolDef tool(String name) {
    return tools.stream().filter(t -> t.name().equals(name)).findFirst().orElse(null);
  }

  public String model() {
    return work.model != null ? work.model : agent == null ? null : agent.model;
  }

  public String topic() {
    return work.topic != null ? work.topic : agent == null ? null : agent.topic;
  }
}
