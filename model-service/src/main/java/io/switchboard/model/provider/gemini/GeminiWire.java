package io.switchboard.model.provider.gemini;

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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Our conversation in Gemini's generateContent JSON: roles user/model, {@code functionCall} and
 * {@code functionResponse} parts (matched to the call by name), system messages as {@code
 * systemInstruction}, tool schemas without the JSON Schema keys Gemini refuses.
 */
final class GeminiWire {

  private static final Set<String> UNSUPPORTED =
      Set.of("$schema", "additionalProperties", "$id", "$defs");

  private final ObjectMapper json;

  GeminiWire(ObjectMapper json) {
    this.json = json;
  }

  ObjectNode request(ChatRequest request) {
    ObjectNode body = json.createObjectNode();
    ArrayNode contents = body.putArray("contents");
    StringBuilder system = new StringBuilder();
    Map<String, String> callNames = new HashMap<>();
    ObjectNode turn = null;
    for (ChatMessage m : request.messages()) {
      if (m.role().equals("system")) {
        system.append(system.isEmpty() ? "" : "\n\n").append(m.text());
        continue;
      }
      String role = m.role().equals("assistant") ? "model" : "user";
      if (turn == null || !turn.path("role").asText().equals(role)) {
        turn = contents.addObject().put("role", role);
        turn.putArray("parts");
      }
      ArrayNode parts = (ArrayNode) turn.get("parts");
      if (m.role().equals("tool")) {
        ObjectNode fr = parts.addObject().putObject("functionResponse");
        fr.put("name", callNames.getOrDefault(m.toolCallId(), "tool"));
        fr.set("response", result(m.text()));
        continue;
      }
      if (!m.text().isEmpty()) {
        parts.addObject().put("text", m.text());
      }
      for (ToolCall c : m.calls()) {
        callNames.put(c.id(), c.name());
        ObjectNode fc = parts.addObject().putObject("functionCall").put("name", c.name());
        fc.set("args", c.arguments());
      }
    }
    if (!system.isEmpty()) {
      body.putObject("systemInstruction")
          .putArray("parts")
          .addObject()
          .put("text", system.toString());
    }
    if (!request.tools().isEmpty()) {
      ArrayNode decls = body.putArray("tools").addObject().putArray("functionDeclarations");
      for (ToolSpec t : request.tools()) {
        ObjectNode d = decls.addObject().put("name", t.name());
        if (t.description() != null) {
          d.put("description", t.description());
        }
        d.set("parameters", clean(t.inputSchema().deepCopy()));
      }
    }
    if (request.maxTokens() != null) {
      body.putObject("generationConfig").put("maxOutputTokens", request.maxTokens());
    }
    return body;
  }

  /** A tool result as the object Gemini wants: parsed JSON object, else {"content": text}. */
  private JsonNode result(String text) {
    try {
      JsonNode node = json.readTree(text);
      if (node != null && node.isObject()) {
        return node;
      }
    } catch (IOException e) {
      // plain text
    }
    return json.createObjectNode().put("content", text);
  }

  private static JsonNode clean(JsonNode schema) {
    if (schema instanceof ObjectNode o) {
      o.remove(UNSUPPORTED);
      o.forEach(GeminiWire::clean);
    } else if (schema instanceof ArrayNode a) {
      a.forEach(GeminiWire::clean);
    }
    return schema;
  }

  /** Text and calls of one response (or stream chunk); call ids are synthesised when absent. */
  String parts(JsonNode body, List<ToolCall> calls) {
    StringBuilder text = new StringBuilder();
    for (JsonNode part : body.path("candidates").path(0).path("content").path("parts")) {
      if (part.has("text") && !part.path("thought").asBoolean(false)) {
        text.append(part.path("text").asText());
      }
      JsonNode fc = part.path("functionCall");
      if (fc.isObject()) {
        String id =
            fc.path("id").asText("call_" + (calls.size() + 1) + "_" + fc.path("name").asText());
        ObjectNode args = fc.path("args").isObject() ? (ObjectNode) fc.path("args") : null;
        calls.add(new ToolCall(id, fc.path("name").asText(), args));
      }
    }
    return text.toString();
  }

  static Usage usage(JsonNode body, Usage previous) {
    JsonNode u = body.path("usageMetadata");
    if (!u.isObject()) {
      return previous;
    }
    return new Usage(u.path("promptTokenCount").asInt(0), u.path("candidatesTokenCount").asInt(0));
  }

  static ChatResponse answer(String text, List<ToolCall> calls, String finish, Usage usage) {
    ChatMessage reply =
        ChatMessage.assistant(text.isEmpty() ? null : text, calls.isEmpty() ? null : calls);
    return new ChatResponse(reply, ChatResponse.finish(reply, finish.equals("MAX_TOKENS")), usage);
  }
}
