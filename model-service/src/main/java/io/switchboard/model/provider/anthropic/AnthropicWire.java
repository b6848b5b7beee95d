package io.switchboard.model.provider.anthropic;

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
import java.util.ArrayList;
import java.util.List;

/**
 * Our conversation in Anthropic's Messages API: system messages become {@code system}, tool calls
 * {@code tool_use} blocks, tool results {@code tool_result} blocks of a user turn; consecutive
 * turns of one role are merged (the API wants them alternating).
 */
final class AnthropicWire {

  static final int DEFAULT_MAX_TOKENS = 4096;

  private final ObjectMapper json;

  AnthropicWire(ObjectMapper json) {
    this.json = json;
  }

  ObjectNode request(String model, ChatRequest request, boolean stream) {
    ObjectNode body = json.createObjectNode().put("model", model);
    body.put("max_tokens", request.maxTokensOr(DEFAULT_MAX_TOKENS));
    StringBuilder system = new StringBuilder();
    ArrayNode messages = body.putArray("messages");
    ObjectNode turn = null;
    for (ChatMessage m : request.messages()) {
      if (m.role().equals("system")) {
        system.append(system.isEmpty() ? "" : "\n\n").append(m.text());
        continue;
      }
      String role = m.role().equals("assistant") ? "assistant" : "user";
      if (turn == null || !turn.path("role").asText().equals(role)) {
        turn = messages.addObject().put("role", role);
        turn.putArray("content");
      }
      blocks(m, (ArrayNode) turn.get("content"));
    }
    if (!system.isEmpty()) {
      body.put("system", system.toString());
    }
    if (!request.tools().isEmpty()) {
      ArrayNode tools = body.putArray("tools");
      for (ToolSpec t : request.tools()) {
        ObjectNode tool = tools.addObject().put("name", t.name());
        if (t.description() != null) {
          tool.put("description", t.description());
        }
        tool.set("input_schema", t.inputSchema());
      }
    }
    if (stream) {
      body.put("stream", true);
    }
    return body;
  }

  private static void blocks(ChatMessage m, ArrayNode content) {
    if (m.role().equals("tool")) {
      content
          .addObject()
          .put("type", "tool_result")
          .put("tool_use_id", m.toolCallId())
          .put("content", m.text());
      return;
    }
    if (!m.text().isEmpty()) {
      content.addObject().put("type", "text").put("text", m.text());
    }
    for (ToolCall c : m.calls()) {
      ObjectNode use =
          content.addObject().put("type", "tool_use").put("id", c.id()).put("name", c.name());
      use.set("input", c.arguments());
    }
  }

  ChatResponse response(JsonNode body) {
    StringBuilder text = new StringBuilder();
    List<ToolCall> calls = new ArrayList<>();
    for (JsonNode block : body.path("content")) {
      switch (block.path("type").asText()) {
        case "text" -> text.append(block.path("text").asText());
        case "tool_use" ->
            calls.add(
                new ToolCall(
                    block.path("id").asText(),
                    block.path("name").asText(),
                    block.path("input").isObject()
                        ? (ObjectNode) block.path("input")
                        : json.createObjectNode()));
        default -> {
          // thinking and other blocks are not part of the answer
        }
      }
    }
    JsonNode usage = body.path("usage");
    return answer(
        text.toString(),
        calls,
        body.path("stop_reason").asText(""),
        new Usage(usage.path("input_tokens").asInt(0), usage.path("output_tokens").asInt(0)));
  }

  static ChatResponse answer(String text, List<ToolCall> calls, String stopReason, Usage usage) {
    ChatMessage reply =
        ChatMessage.assistant(text.isEmpty() ? null : text, calls.isEmpty() ? null : calls);
    return new ChatResponse(
        reply, ChatResponse.finish(reply, stopReason.equals("max_tokens")), usage);
  }
}
