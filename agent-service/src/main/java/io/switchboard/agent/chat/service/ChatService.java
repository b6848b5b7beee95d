package io.switchboard.agent.chat.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.panache.common.Sort;
import io.switchboard.agent.approval.Approval;
import io.switchboard.agent.approval.service.ApprovalView;
import io.switchboard.agent.chat.rest.ChatDtos.ChatAwaiting;
import io.switchboard.agent.chat.rest.ChatDtos.ChatRequest;
import io.switchboard.agent.chat.rest.ChatDtos.ChatResponse;
import io.switchboard.agent.runtime.Leases;
import io.switchboard.agent.runtime.SessionRunner;
import io.switchboard.agent.runtime.Work;
import io.switchboard.agent.runtime.WorkQueue;
import io.switchboard.agent.session.Message;
import io.switchboard.agent.session.Session;
import io.switchboard.agent.session.service.SessionService;
import io.switchboard.defaults.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;
import java.util.UUID;

/**
 * One chat exchange, run in the request: the session's lease is taken so no replica's worker runs
 * it meanwhile, the loop runs until the final answer (200) or an approval (202). After that
 * approval is decided, the background worker finishes the exchange into the session's messages.
 */
@ApplicationScoped
public class ChatService {

  private final SessionService sessions;
  private final WorkQueue queue;
  private final Leases leases;
  private final SessionRunner runner;
  private final ObjectMapper json;

  public ChatService(
      SessionService sessions,
      WorkQueue queue,
      Leases leases,
      SessionRunner runner,
      ObjectMapper json) {
    this.sessions = sessions;
    this.queue = queue;
    this.leases = leases;
    this.runner = runner;
    this.json = json;
  }

  public Response chat(UUID userId, ChatRequest request, String userToken) {
    String tools = queue.toolsOf(userToken);
    String owner = "chat-" + UUID.randomUUID();
    Work work = QuarkusTransaction.requiringNew().call(() -> start(userId, request, tools, owner));
    runner.run(work.sessionId, owner, work.id);
    return QuarkusTransaction.requiringNew().call(() -> answer(work.id));
  }

  private Work start(UUID userId, ChatRequest request, String tools, String owner) {
    Session session =
        request.sessionId() == null
            ? Session.create(userId, title(request.message()))
            : sessions.get(userId, request.sessionId());
    if (session.agentId != null) {
      throw ProblemException.of(
          409,
          "agent_session",
          "Conflict",
          "This session belongs to an agent: send the agent a message instead");
    }
    if (queue.openWorkOfSession(session.id) > 0) {
      throw ProblemException.of(
          409,
          "session_busy",
          "Conflict",
          "This session is still answering or waits on an approval");
    }
    leases.take(session.id, owner);
    return queue.add(
        session.id, null, userId, request.message(), request.model(), request.topic(), tools);
  }

  private Response answer(long workId) {
    Work work = Work.findById(workId);
    if (Work.DONE.equals(work.status)) {
      Message last =
          Message.<Message>find(
                  "sessionId = ?1 and role = 'assistant'", Sort.descending("pos"), work.sessionId)
              .firstResult();
      return Response.ok(
              new ChatResponse(
                  work.sessionId, last.id, last.content, work.routedModel, work.routedTopic))
          .build();
    }
    if (Work.WAITING.equals(work.status)) {
      Approval approval =
          Approval.<Approval>find("workId = ?1 and status = 'pending'", workId).firstResult();
      return Response.accepted(
              new ChatAwaiting(
                  work.sessionId, "awaiting_approval", ApprovalView.of(approval, json)))
          .build();
    }
    if (Work.FAILED.equals(work.status)
        && work.error != null
        && work.error.startsWith("max_iterations_reached")) {
      throw ProblemException.of(
          502,
          "max_iterations_reached",
          "Bad gateway",
          "The model gave no final answer within the iteration limit");
    }
    throw ProblemException.of(
        503,
        "chat_interrupted",
        "Service unavailable",
        "The exchange could not finish; see the session's messages");
  }

  static String title(String message) {
    String line = message.strip().lines().findFirst().orElse("Chat");
    return line.length() > 80 ? line.substring(0, 80) + "…" : line.isEmpty() ? "Chat" : line;
  }
}
