package io.switchboard.agent.agent.service;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.switchboard.agent.agent.Agent;
import io.switchboard.agent.agent.rest.AgentDtos.AgentList;
import io.switchboard.agent.agent.rest.AgentDtos.AgentView;
import io.switchboard.agent.agent.rest.AgentDtos.CreateRequest;
import io.switchboard.agent.agent.rest.AgentDtos.MessageAccepted;
import io.switchboard.agent.approval.Approval;
import io.switchboard.agent.event.EventLog;
import io.switchboard.agent.runtime.InFlight;
import io.switchboard.agent.runtime.Work;
import io.switchboard.agent.runtime.WorkQueue;
import io.switchboard.agent.runtime.Worker;
import io.switchboard.agent.session.Session;
import io.switchboard.agent.session.service.SessionService;
import io.switchboard.defaults.page.PageRequest;
import io.switchboard.defaults.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Agents of one user: spawn, list, message, pause, resume, delete. */
@ApplicationScoped
public class AgentService {

  private final SessionService sessions;
  private final AgentStates states;
  private final EventLog events;
  private final WorkQueue queue;
  private final Worker worker;
  private final InFlight inFlight;

  public AgentService(
      SessionService sessions,
      AgentStates states,
      EventLog events,
      WorkQueue queue,
      Worker worker,
      InFlight inFlight) {
    this.inFlight = inFlight;
    this.sessions = sessions;
    this.states = states;
    this.events = events;
    this.queue = queue;
    this.worker = worker;
  }

  @Transactional
  public AgentList list(UUID userId, String status, UUID sessionId, PageRequest page) {
    StringBuilder where = new StringBuilder("userId = :user and deletedAt is null");
    Parameters params = Parameters.with("user", userId);
    if (status != null) {
      where.append(" and status = :status");
      params.and("status", status);
    }
    if (sessionId != null) {
      where.append(" and sessionId = :session");
      params.and("session", sessionId);
    }
    var query = Agent.<Agent>find(where.toString(), Sort.descending("createdAt").and("id"), params);
    long total = query.count();
    List<AgentView> items =
        query.range(page.offset(), page.offset() + page.limit() - 1).list().stream()
            .map(AgentView::of)
            .toList();
    return new AgentList(items, page.meta(total));
  }

  @Transactional
  public Agent get(UUID userId, UUID id) {
    Agent a = Agent.findById(id);
    if (a == null || !a.userId.equals(userId) || a.deleted()) {
      throw ProblemException.notFound("Agent");
    }
    return a;
  }

  /** Spawns an agent; with a first message it starts running at once. */
  public Agent create(UUID userId, CreateRequest request, String userToken) {
    String tools = request.message() == null ? "[]" : queue.toolsOf(userToken);
    Agent agent = QuarkusTransaction.requiringNew().call(() -> spawn(userId, request, tools));
    worker.nudge();
    return agent;
  }

  private Agent spawn(UUID userId, CreateRequest request, String tools) {
    Instant now = Instant.now();
    Agent a = new Agent();
    a.id = UUID.randomUUID();
    a.userId = userId;
    a.name = request.name() != null ? request.name() : "agent-" + a.id.toString().substring(0, 8);
    Session session =
        request.sessionId() == null
            ? Session.create(userId, a.name)
            : sessions.get(userId, request.sessionId());
    session.agentId = a.id;
    a.sessionId = session.id;
    a.topic = request.topic();
    a.model = request.model();
    a.systemPrompt = request.systemPrompt();
    a.skills = request.skills() == null ? new String[0] : request.skills().toArray(String[]::new);
    a.status = Agent.IDLE;
    a.createdAt = now;
    a.updatedAt = now;
    a.persist();
    Map<String, Object> created = new LinkedHashMap<>();
    created.put("status", a.status);
    created.put("previous", null);
    created.put("reason", "created");
    events.append(a.id, userId, EventLog.STATUS, created);
    if (request.message() != null) {
      queue.enqueue(a, request.message(), tools);
      states.change(a, Agent.RUNNING, "message");
    }
    return a;
  }

  /** Queues a message; 409 when the agent is stopped. */
  public MessageAccepted message(UUID userId, UUID id, String text, String userToken) {
    requireOwned(userId, id);
    String tools = queue.toolsOf(userToken);
    MessageAccepted accepted =
        QuarkusTransaction.requiringNew()
            .call(
                () -> {
                  Agent a = Agent.findById(id, LockModeType.PESSIMISTIC_WRITE);
                  if (a.deleted() || Agent.STOPPED.equals(a.status)) {
                    throw ProblemException.of(
                        409, "agent_stopped", "Conflict", "The agent is stopped");
                  }
                  boolean busy =
                      queue.openWork(a.id) > 0
                          || Agent.PAUSED.equals(a.status)
                          || Agent.AWAITING_APPROVAL.equals(a.status);
                  UUID messageId = queue.enqueue(a, text, tools);
                  if (Agent.IDLE.equals(a.status) || Agent.ERROR.equals(a.status)) {
                    states.change(a, Agent.RUNNING, "message");
                  }
                  return new MessageAccepted(busy ? "queued" : "processing", messageId);
                });
    worker.nudge();
    return accepted;
  }

  @Transactional
  public Agent pause(UUID userId, UUID id) {
    Agent a = get(userId, id);
    requireNotStopped(a);
    states.change(a, Agent.PAUSED, "paused");
    return a;
  }

  @Transactional
  public Agent resume(UUID userId, UUID id) {
    Agent a = get(userId, id);
    requireNotStopped(a);
    if (Agent.PAUSED.equals(a.status)) {
      String head = queue.headStatus(a.id);
      String next =
          head == null
              ? Agent.IDLE
              : Work.WAITING.equals(head) ? Agent.AWAITING_APPROVAL : Agent.RUNNING;
      states.change(a, next, "resumed");
    }
    worker.nudge();
    return a;
  }

  /**
   * Removes the agent and stops its work: open work cancelled, pending approvals cancelled, a
   * remote call in flight interrupted after the commit (here at once, on another replica at its
   * next poll); every later write of that work is refused by the fence.
   */
  @Transactional
  public void delete(UUID userId, UUID id) {
    Agent a = get(userId, id);
    states.change(a, Agent.STOPPED, "deleted");
    a.deletedAt = Instant.now();
    queue.cancel(a.id);
    Approval.update(
        "status = 'cancelled', resolvedAt = ?1 where agentId = ?2 and status = 'pending'",
        Instant.now(),
        a.id);
    events.purge(a.id);
    inFlight.interruptAfterCommit(a.id);
  }

  /** Owned, deleted or not: a deleted agent's owner learns it is stopped (409), others 404. */
  @Transactional
  void requireOwned(UUID userId, UUID id) {
    Agent a = Agent.findById(id);
    if (a == null || !a.userId.equals(userId)) {
      throw ProblemException.notFound("Agent");
    }
  }

  private static void requireNotStopped(Agent a) {
    if (Agent.STOPPED.equals(a.status)) {
      throw ProblemException.of(409, "agent_stopped", "Conflict", "The agent is stopped");
    }
  }
}
