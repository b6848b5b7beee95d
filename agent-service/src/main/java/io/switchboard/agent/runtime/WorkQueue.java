package io.switchboard.agent.runtime;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.agent.agent.Agent;
import io.switchboard.agent.client.ToolCatalog;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Queues work items and answers questions about a session's or an agent's queue. */
@ApplicationScoped
public class WorkQueue {

  private final ToolCatalog catalog;
  private final ObjectMapper json;

  public WorkQueue(ToolCatalog catalog, ObjectMapper json) {
    this.catalog = catalog;
    this.json = json;
  }

  /** The user's tools as stored with a work item (read now, with the user's token). */
  public String toolsOf(String userToken) {
    try {
      return json.writeValueAsString(
          userToken == null ? catalog.toolsForService() : catalog.tools(userToken));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Queues a user message for an agent; returns the id its message will have. */
  @Transactional(Transactional.TxType.MANDATORY)
  public UUID enqueue(Agent agent, String content, String tools) {
    return add(agent.sessionId, agent.id, agent.userId, content, null, null, tools).messageId;
  }

  @Transactional(Transactional.TxType.MANDATORY)
  public Work add(
      UUID sessionId,
      UUID agentId,
      UUID userId,
      String content,
      String model,
      String topic,
      String tools) {
    Work w = new Work();
    w.sessionId = sessionId;
    w.agentId = agentId;
    w.userId = userId;
    w.kind = Work.MESSAGE;
    w.messageId = UUID.randomUUID();
    w.content = content;
    w.model = model;
    w.topic = topic;
    w.tools = tools;
    w.status = Work.PENDING;
    w.createdAt = Instant.now();
    w.updatedAt = w.createdAt;
    w.persist();
    return w;
  }

  @Transactional(Transactional.TxType.MANDATORY)
  public long openWork(UUID agentId) {
    return Work.count("agentId = ?1 and status in ('pending', 'started', 'waiting')", agentId);
  }

  @Transactional(Transactional.TxType.MANDATORY)
  public long openWorkOfSession(UUID sessionId) {
    return Work.count("sessionId = ?1 and status in ('pending', 'started', 'waiting')", sessionId);
  }

  /** The status of the agent's oldest open work item, or null. */
  @Transactional(Transactional.TxType.MANDATORY)
  public String headStatus(UUID agentId) {
    List<Work> open =
        Work.<Work>find(
                "agentId = ?1 and status in ('pending', 'started', 'waiting') order by id", agentId)
            .page(0, 1)
            .list();
    return open.isEmpty() ? null : open.get(0).status;
  }

  @Transactional(Transactional.TxType.MANDATORY)
  public void cancel(UUID agentId) {
    Work.update(
        "status = 'cancelled', updatedAt = ?1 where agentId = ?2"
            + " and status in ('pending', 'started', 'waiting')",
        Instant.now(),
        agentId);
  }
}
