package io.switchboard.model.provider.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.model.provider.ChatMessage;
import io.switchboard.model.provider.ChatRequest;
import io.switchboard.model.provider.ChatResponse;
import io.switchboard.model.provider.ToolCall;
import io.switchboard.model.provider.ToolSpec;
import io.switchboard.model.provider.Usage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Our messages and tools in OpenAI's Chat Completions JSON, and its answers back. */
final class OpenAiWire {

  private final ObjectMapper json;

  OpenAiWire(ObjectMapper json) {
    this.json = json;
  }

  ObjectNode request(String model, ChatRequest request, boolean stream) {
    ObjectNode body = json.createObjectNode().put("model", model);
    ArrayNode messages = body.putArray("messages");
    for (ChatMessage m : request.messages()) {
      ObjectNode out = messages.addObject().put("role", m.role());
      if (m.content() != null || m.calls().isEmpty()) {
        out.put("content", m.text());
      } else {
        out.putNull("content");
      }
      if (!m.calls().isEmpty()) {
        ArrayNode calls = out.putArray("tool_calls");
        for (ToolCall c : m.calls()) {
          ObjectNode call = calls.addObject().put("id", c.id()).put("type", "function");
          call.putObject("function")
              .put("name", c.name())
              .put("arguments", c.arguments().toString());
        }
      }
      if (m.toolCallId() != null) {
        out.put("tool_call_id", m.toolCallId());
      }
    }
    if (!request.tools().isEmpty()) {
      ArrayNode tools = body.putArray("tools");
      for (ToolSpec t : request.tools()) {
        ObjectNode fn = tools.addObject().put("type", "function").putObject("function");
        fn.put("name", t.name());
        if (t.description() != null) {
          fn.put("description", t.description());
        }
        fn.set("parameters", t.inputSchema());
      }
    }
    if (request.maxTokens() != null) {
      body.put(reasoning(model) ? "max_completion_tokens" : "max_tokens", request.maxTokens());
    }
    if (stream) {
      body.put("stream", true);
      body.putObject("stream_options").put("include_usage", true);
    }
    return body;
  }

  /** OpenAI's reasoning models refuse {@code max_tokens}; everything compatible accepts it. */
  static boolean reasoning(String model) {
    return model.matches("(?i)(o\\d.*|gpt-5.*)");
  }

  ChatResponse response(JsonNode body) {
    JsonNode choice = body.path("choices").path(0);
    JsonNode message = choice.path("message");
    List<ToolCall> calls = new ArrayList<>();
    for (JsonNode c : message.path("tool_calls")) {
      calls.add(
          new ToolCall(
              c.path("id").asText(),
              c.path("function").path("name").asText(),
              arguments(c.path("function").path("arguments").asText("{}"))));
    }
    String content = message.path("content").isTextual() ? message.path("content").asText() : null;
    return answer(
        content, calls, choice.path("finish_reason").asText(""), usage(body.path("usage")));
  }

  ChatResponse answer(String content, List<ToolCall> calls, String finish, Usage usage) {
    ChatMessage reply = ChatMessage.assistant(content, calls.isEmpty() ? null : calls);
    return new ChatResponse(reply, ChatResponse.finish(reply, finish.equals("length")), usage);
  }

  static Usage usage(JsonNode usage) {
    return new Usage(
        usage.path("prompt_tokens").asInt(0), usage.path("completion_tokens").asInt(0));
  }

  /** Tool arguments arrive as a JSON string; anything but an object becomes {"input": ...}. */
  ObjectNode arguments(String raw) {
    try {
      JsonNode node = json.readTree(raw.isBlank() ? "{}" : raw);
      if (node instanceof ObjectNode object) {
        return object;
      }
    } catch (IOException e) {
      // not JSON
    }
    return json.createObjectNode().put("input", raw);
  }
}
