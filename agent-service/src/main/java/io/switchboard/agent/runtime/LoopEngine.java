package io.switchboard.agent.runtime;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.agent.client.ModelDtos.CompletionRequest;
import io.switchboard.agent.client.ModelDtos.CompletionResponse;
import io.switchboard.agent.client.ModelDtos.ToolCall;
import io.switchboard.agent.client.ModelDtos.ToolSpec;
import io.switchboard.agent.client.Models;
import io.switchboard.agent.config.AgentConfig;
import io.switchboard.agent.event.Texts;
import io.switchboard.agent.runtime.Transcript.Call;
import io.switchboard.agent.runtime.Transcript.Final;
import io.switchboard.agent.runtime.Transcript.Next;
import jakarta.enterprise.context.ApplicationScoped;
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
  private final ToolStep tools;
  private final AgentConfig config;
  private final ObjectMapper json;
  private final InFlight inFlight;

  public LoopEngine(
      LoopStore store,
      Models models,
      ToolStep tools,
      AgentConfig config,
      ObjectMapper json,
      InFlight inFlight) {
    this.inFlight = inFlight;
    this.store = store;
    this.models = models;
    this.tools = tools;
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
      return tools.run(s, owner, call.call());
    }
    if (s.work().iterations >= config.maxIterations()) {
      store.fail(
          workId,
          owner,
          MAX_ITERATIONS,
          "no final answer after " + config.maxIterations() + " steps");
      return Outcome.FINISHED;
    }
    CompletionRequest request = request(s);
    CompletionResponse response = inFlight.call(s.work().agentId, () -> models.complete(request));
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
      renamed.add(
          new ToolCall(
              id, Texts.clean(c.name()), Texts.clean(Transcript.arguments(c.arguments(), json))));
    }
    return json.valueToTree(renamed).toString();
  }
}
