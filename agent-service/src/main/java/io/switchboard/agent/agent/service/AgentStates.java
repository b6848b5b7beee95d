package io.switchboard.agent.agent.service;

import io.switchboard.agent.agent.Agent;
import io.switchboard.agent.event.EventLog;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** Every status change of an agent, with its {@code agent.status} event. */
@ApplicationScoped
public class AgentStates {

  private final EventLog events;

  public AgentStates(EventLog events) {
    this.events = events;
  }

  /** Sets the status; appends the event only when it changes. */
  @Transactional(Transactional.TxType.MANDATORY)
  public void change(Agent agent, String status, String reason) {
    if (status.equals(agent.status)) {
      return;
    }
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("status", status);
    data.put("previous", agent.status);
    if (reason != null) {
      data.put("reason", reason);
    }
    agent.status = status;
    agent.updatedAt = Instant.now();
    events.append(agent.id, agent.userId, EventLog.STATUS, data);
  }
}
