package io.switchboard.agent.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.agent.client.ModelDtos.ChatMessage;
import io.switchboard.agent.client.ModelDtos.ToolCall;
import io.switchboard.agent.session.Message;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads the next step off a session's persisted transcript, so the loop needs no state of its own
 * and any replica can continue it: an assistant message with unanswered tool calls → the first of
 * those calls; a user or tool message last → a completion; an assistant message without calls last
 * → the final answer.
 */
public final class Transcript {

  /** What the loop does next. */
  public sealed interface Next {}

  public record Complete() implements Next {}

  public record Call(ToolCall call) implements Next {}

  public record Final(Message message) implements Next {}

  private Transcript() {}

  public static Next next(List<Message> messages, ObjectMapper json) {
    int last = -1;
    for (int i = messages.size() - 1; i >= 0; i--) {
      if ("assistant".equals(messages.get(i).role)) {
        last = i;
        break;
      }
    }
    if (last < 0) {
      return new Complete();
    }
    Message assistant = messages.get(last);
    Set<String> answered = new HashSet<>();
    for (Message m : messages.subList(last + 1, messages.size())) {
      if ("tool".equals(m.role) && m.toolCallId != null) {
        answered.add(m.toolCallId);
      }
    }
    for (ToolCall call : calls(assistant.toolCalls, json)) {
      if (!answered.contains(call.id())) {
        return new Call(call);
      }
    }
    return last == messages.size() - 1 ? new Final(assistant) : new Complete();
  }

  public static List<ToolCall> calls(String toolCalls, ObjectMapper json) {
    if (toolCalls == null || toolCalls.isBlank()) {
      return List.of();
    }
    try {
      return List.of(json.readValue(toolCalls, ToolCall[].class));
    } catch (IOException e) {
      throw new IllegalStateException("Stored tool calls are not JSON", e);
    }
  }

  /** The transcript as model-service reads it, after the agent's system prompt. */
  public static List<ChatMessage> forModel(
      String systemPrompt, List<Message> messages, ObjectMapper json) {
    List<ChatMessage> out = new ArrayList<>();
    if (systemPrompt != null && !systemPrompt.isBlank()) {
      out.add(new ChatMessage("system", systemPrompt, null, null));
    }
    for (Message m : messages) {
      List<ToolCall> calls = calls(m.toolCalls, json);
      out.add(new ChatMessage(m.role, m.content, calls.isEmpty() ? null : calls, m.toolCallId));
    }
    return out;
  }

  /** Arguments as an object: a JSON string is parsed, anything else becomes {@code {}}. */
  public static JsonNode arguments(JsonNode arguments, ObjectMapper json) {
    if (arguments != null && arguments.isObject()) {
      return arguments;
    }
    if (arguments != null && arguments.isTextual()) {
      try {
        JsonNode parsed = json.readTree(arguments.asText());
        if (parsed != null && parsed.isObject()) {
          return parsed;
        }
      } catch (IOException e) {
        // not JSON: fall through to an empty object
      }
    }
    return json.createObjectNode();
  }
}
