package io.switchboard.agent.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.agent.approval.Approval;
import io.switchboard.agent.client.ModelDtos.CompletionRequest;
import io.switchboard.agent.client.ModelDtos.CompletionResponse;
import io.switchboard.agent.client.ModelDtos.ToolCall;
import io.switchboard.agent.client.ModelDtos.ToolSpec;
import io.switchboard.agent.client.Models;
import io.switchboard.agent.client.SkillDtos.ExecuteRequest;
import io.switchboard.agent.client.SkillDtos.ExecuteResult;
import io.switchboard.agent.client.SkillDtos.PermissionAnswer;
import io.switchboard.agent.client.SkillDtos.ToolDef;
import io.switchboard.agent.client.Skills;
import io.switchboard.agent.config.AgentConfig;
import io.switchboard.agent.runtime.Transcript.Call;
import io.switchboard.agent.runtime.Transcript.Final;
import io.switchboard.agent.runtime.Transcript.Next;
import io.switchboard.defaults.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * One step of the agent loop at a time: a completion, or one tool call (permission → execute,
 * refuse or ask). Remote calls run outside any transaction; their outcome is persisted by {@link
 * LoopStore} before the next step, which reads where it stands from the transcript.
 */
@ApplicationScoped
public class LoopEngine {

  /** What the runner does after a step. */
  public enum Outcome {
    CONTINUE,
    FINISHED,
    WAITING,
    HELD
  }

  static final String MAX_ITERATIONS = "max_iterations_reached";

  private final LoopStore store;
  private final Models models;
  private final Skills skills;
  private final AgentConfig config;
  private final ObjectMapper json;

  public LoopEngine(
      LoopStore store, Models models, Skills skills, AgentConfig config, ObjectMapper json) {
    this.store = store;
    this.models = models;
    this.skills = skills;
    this.config = config;
    this.json = json;
  }

  public Outcome step(long workId, String owner) {
    Snapshot s = store.load(workId, owner);
    if (s.held()) {
      return Outcome.HELD;
    }
    Next next = Transcript.next(s.messages(), json);
    if (next instanceof Final) {
      store.finish(workId, owner);
      return Outcome.FINISHED;
    }
    if (next instanceof Call call) {
      return toolCall(s, owner, call.call());
    }
    if (s.work().iterations >= config.maxIterations()) {
      store.fail(
          workId, MAX_ITERATIONS, "no final answer after " + config.maxIterations() + " steps");
      return Outcome.FINISHED;
    }
    CompletionResponse response = models.complete(request(s));
    String calls = uniqueCalls(response);
    store.saveAssistant(workId, owner, response, calls);
    return calls == null ? Outcome.FINISHED : Outcome.CONTINUE;
  }

  private CompletionRequest request(Snapshot s) {
    List<ToolSpec> tools =
        s.tools().stream()
            .map(t -> new ToolSpec(t.name(), t.description(), t.inputSchema()))
            .toList();
    String prompt = s.agent() == null ? null : s.agent().systemPrompt;
    return new CompletionRequest(
        s.work().userId,
        Transcript.forModel(prompt, s.messages(), json),
        tools.isEmpty() ? null : tools,
        s.model(),
        s.topic(),
        null);
  }

  /** Our own call ids, unique in the session, so results and approvals never mix up. */
  private String uniqueCalls(CompletionResponse response) {
    List<ToolCall> calls = response.message().toolCalls();
    if (calls == null || calls.isEmpty()) {
      return null;
    }
    List<ToolCall> renamed = new ArrayList<>();
    for (ToolCall c : calls) {
      String id = "call_" + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
      renamed.add(new ToolCall(id, c.name(), Transcript.arguments(c.arguments(), json)));
    }
    return json.valueToTree(renamed).toString();
  }

  private Outcome toolCall(Snapshot s, String owner, ToolCall call) {
    long workId = s.work().id;
    ToolDef tool = s.tool(call.name());
    if (tool == null) {
      store.saveToolResult(
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
    store.toolEvent(workId, owner, call, tool.skillId(), "requested", null);
    PermissionAnswer permission = skills.check(s.work().userId, tool.skillId(), call.name());
    switch (permission.level()) {
      case "allow" -> execute(s, owner, call, tool, null);
      case "ask" -> {
        store.ask(workId, owner, call, tool.skillId());
        return Outcome.WAITING;
      }
      default -> {
        String reason = permission.reason() == null ? "" : " (" + permission.reason() + ")";
        store.saveToolResult(
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
      store.toolEvent(workId, owner, call, tool.skillId(), "approved", a);
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
    store.saveToolResult(workId, owner, call, tool.skillId(), "denied", why, null, "denied", a);
    return Outcome.CONTINUE;
  }

  private void execute(Snapshot s, String owner, ToolCall call, ToolDef tool, Approval a) {
    ExecuteRequest request =
        new ExecuteRequest(
            s.work().userId,
            tool.skillId(),
            call.name(),
            call.arguments(),
            a == null ? null : a.id);
    ExecuteResult result;
    try {
      result = skills.execute(request);
    } catch (ProblemException e) {
      store.saveToolResult(
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
    store.saveToolResult(
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
