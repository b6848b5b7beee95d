package io.switchboard.agent.runtime;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.agent.agent.Agent;
import io.switchboard.agent.agent.service.AgentStates;
import io.switchboard.agent.approval.Approval;
import io.switchboard.agent.client.ModelDtos.CompletionResponse;
import io.switchboard.agent.client.SkillDtos.ToolDef;
import io.switchboard.agent.event.EventLog;
import io.switchboard.agent.session.Message;
import io.switchboard.agent.session.Session;
import io.switchboard.agent.session.service.SessionService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The loop's writes, each one transaction fenced by the session lease: a write of a replica that
 * lost its lease, or for an agent deleted meanwhile, throws {@link Stop} and changes nothing.
 */
@ApplicationScoped
public class LoopStore {

  private final Fence fence;
  private final SessionService sessions;
  private final AgentStates states;
  private final EventLog events;
  private final ObjectMapper json;

  public LoopStore(
      Fence fence,
      SessionService sessions,
      AgentStates states,
      EventLog events,
      ObjectMapper json) {
    this.fence = fence;
    this.sessions = sessions;
    this.states = states;
    this.events = events;
    this.json = json;
  }

  /** Loads the step's inputs; starts the work (its user message goes into the transcript) first. */
  @Transactional
  public Snapshot load(long workId, String owner) {
    Work work = fence.check(workId, owner);
    Agent agent = work.agentId == null ? null : Agent.findById(work.agentId);
    if (agent != null && heldStatus(agent.status)) {
      return new Snapshot(work, agent, List.of(), List.of(), Map.of(), true);
    }
    if (Work.PENDING.equals(work.status)) {
      start(work, agent);
    }
    List<Message> transcript = sessions.transcript(work.sessionId);
    Map<String, Approval> byCall =
        Approval.<Approval>list("sessionId", work.sessionId).stream()
            .collect(Collectors.toMap(a -> a.callId, Function.identity(), (a, b) -> b));
    return new Snapshot(work, agent, transcript, tools(work, agent), byCall, false);
  }

  private static boolean heldStatus(String status) {
    return Agent.PAUSED.equals(status)
        || Agent.AWAITING_APPROVAL.equals(status)
        || Agent.STOPPED.equals(status);
  }

  private void start(Work work, Agent agent) {
    Session session = Session.findById(work.sessionId);
    closeDanglingCalls(session);
    Message m = sessions.append(session, work.messageId, "user", work.content, null, null, null);
    work.status = Work.STARTED;
    work.updatedAt = Instant.now();
    if (agent != null) {
      agent.iteration = 0;
      agent.lastError = null;
      states.change(agent, Agent.RUNNING, "message");
      Map<String, Object> data = new LinkedHashMap<>();
      data.put("messageId", m.id);
      data.put("role", "user");
      data.put("content", m.content);
      events.append(agent.id, agent.userId, EventLog.MESSAGE, data);
    }
  }

  /**
   * Earlier work that ended (failed, cancelled) between a tool call and its result leaves calls
   * unanswered; they are answered "not run" so the new message never runs them and the model sees a
   * result for every call it made.
   */
  private void closeDanglingCalls(Session session) {
    Transcript.Next next;
    while ((next = Transcript.next(sessions.transcript(session.id), json))
        instanceof Transcript.Call call) {
      sessions.append(
          session,
          null,
          "tool",
          "Error: this tool call was not run (the request it belonged to ended first).",
          null,
          call.call().id(),
          null);
    }
  }

  private List<ToolDef> tools(Work work, Agent agent) {
    try {
      List<ToolDef> all = List.of(json.readValue(work.tools, ToolDef[].class));
      if (agent == null || agent.skills == null || agent.skills.length == 0) {
        return all;
      }
      List<String> allowed = Arrays.asList(agent.skills);
      return all.stream().filter(t -> allowed.contains(t.skillId())).toList();
    } catch (IOException e) {
      throw new IllegalStateException("Stored tools are not JSON", e);
    }
  }

  /**
   * Stores the model's answer (tool call ids already made unique) and counts it; an answer without
   * tool calls is final and finishes the work in the same transaction.
   */
  @Transactional
  public void saveAssistant(long workId, String owner, CompletionResponse r, String toolCalls) {
    Work work = fence.check(workId, owner);
    work.iterations++;
    work.routedModel = r.model();
    work.routedTopic = r.topic();
    work.updatedAt = Instant.now();
    Session session = Session.findById(work.sessionId);
    Message m =
        sessions.append(
            session, null, "assistant", r.message().content(), toolCalls, null, r.model());
    Agent agent = work.agentId == null ? null : Agent.findById(work.agentId);
    if (agent != null) {
      agent.iteration = work.iterations;
      if (r.usage() != null) {
        agent.totalTokens += r.usage().inputTokens() + r.usage().outputTokens();
      }
      agent.updatedAt = Instant.now();
      Map<String, Object> data = new LinkedHashMap<>();
      data.put("messageId", m.id);
      data.put("role", "assistant");
      data.put("content", m.content);
      data.put("model", r.model());
      if (r.usage() != null) {
        data.put("usage", r.usage());
      }
      events.append(agent.id, agent.userId, EventLog.MESSAGE, data);
    }
    if (toolCalls == null) {
      done(work);
    }
  }

  /** The work is answered; its agent goes idle unless more work of it is queued. */
  @Transactional
  public void finish(long workId, String owner) {
    done(fence.check(workId, owner));
  }

  private void done(Work work) {
    work.status = Work.DONE;
    work.updatedAt = Instant.now();
    Agent agent = work.agentId == null ? null : Agent.findById(work.agentId);
    if (agent != null) {
      long open =
          Work.count(
              "agentId = ?1 and status in ('pending', 'started', 'waiting') and id <> ?2",
              agent.id,
              work.id);
      states.change(agent, open > 0 ? Agent.RUNNING : Agent.IDLE, open > 0 ? null : "completed");
    }
  }

  /**
   * The work failed (a dependency down, too many iterations); its agent shows the error. Nothing
   * happens when the runner no longer holds the lease or the work was cancelled meanwhile.
   */
  @Transactional
  public void fail(long workId, String owner, String code, String error) {
    Work work;
    try {
      work = fence.check(workId, owner);
    } catch (Fence.Stop e) {
      return;
    }
    work.status = Work.FAILED;
    work.error = code + ": " + error;
    work.updatedAt = Instant.now();
    Agent agent = work.agentId == null ? null : Agent.findById(work.agentId);
    if (agent != null && !agent.deleted()) {
      agent.lastError = work.error;
      states.change(agent, Agent.ERROR, code);
    }
  }
}
