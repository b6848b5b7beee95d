package io.switchboard.model.provider.ollama;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.model.config.ModelsConfig;
import io.switchboard.model.provider.ChatMessage;
import io.switchboard.model.provider.ChatProvider;
import io.switchboard.model.provider.ChatRequest;
import io.switchboard.model.provider.ChatResponse;
import io.switchboard.model.provider.ProviderException;
import io.switchboard.model.provider.ProviderKind;
import io.switchboard.model.provider.Target;
import io.switchboard.model.provider.ToolCall;
import io.switchboard.model.provider.ToolSpec;
import io.switchboard.model.provider.Usage;
import io.switchboard.model.provider.http.ProviderHttp;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * {@code ollama}: Ollama's native chat API ({@code POST /api/chat}; NDJSON when streamed). Tool
 * calls carry no id there: one is made up per call. The endpoint defaults to the configured server.
 */
@ApplicationScoped
public class OllamaProvider implements ChatProvider {

  private final ProviderHttp http;
  private final ObjectMapper json;
  private final String defaultUrl;

  public OllamaProvider(ProviderHttp http, ModelsConfig config) {
    this.http = http;
    this.json = http.json();
    this.defaultUrl = config.servers().ollamaUrl();
  }

  @Override
  public ProviderKind kind() {
    return ProviderKind.OLLAMA;
  }

  private String base(Target target) {
    return target.endpointOr(defaultUrl.replaceAll("/+$", ""));
  }

  private static Map<String, String> headers(Target target) {
    return target.apiKey() == null
        ? Map.of()
        : Map.of("Authorization", "Bearer " + target.apiKey());
  }

  ObjectNode request(Target target, ChatRequest request, boolean stream) {
    ObjectNode body = json.createObjectNode().put("model", target.modelId()).put("stream", stream);
    ArrayNode messages = body.putArray("messages");
    for (ChatMessage m : request.messages()) {
      ObjectNode out = messages.addObject().put("role", m.role()).put("content", m.text());
      if (!m.calls().isEmpty()) {
        ArrayNode calls = out.putArray("tool_calls");
        m.calls()
            .forEach(
                c ->
                    calls
                        .addObject()
                        .putObject("function")
                        .put("name", c.name())
                        .set("arguments", c.arguments()));
      }
    }
    if (!request.tools().isEmpty()) {
      ArrayNode tools = body.putArray("tools");
      for (ToolSpec t : request.tools()) {
        ObjectNode fn =
            tools.addObject().put("type", "function").putObject("function").put("name", t.name());
        fn.put("description", t.description() == null ? "" : t.description());
        fn.set("parameters", t.inputSchema());
      }
    }
    if (request.maxTokens() != null) {
      body.putObject("options").put("num_predict", request.maxTokens());
    }
    return body;
  }

  @Override
  public ChatResponse chat(Target target, ChatRequest request) {
    JsonNode body =
        http.postJson(base(target) + "/api/chat", headers(target), request(target, request, false));
    List<ToolCall> calls = new ArrayList<>();
    String text = read(body, calls);
    return answer(text, calls, body);
  }

  @Override
  public ChatResponse stream(Target target, ChatRequest request, Consumer<String> onDelta) {
    StringBuilder text = new StringBuilder();
    List<ToolCall> calls = new ArrayList<>();
    JsonNode[] last = {json.createObjectNode()};
    http.postLines(
        base(target) + "/api/chat",
        headers(target),
        request(target, request, true),
        line -> {
          if (line.isBlank()) {
            return;
          }
          JsonNode chunk;
          try {
            chunk = json.readTree(line);
          } catch (IOException e) {
            throw new ProviderException(
                ProviderException.Kind.RETRYABLE, 0, "Unreadable stream line");
          }
          if (chunk.hasNonNull("error")) {
            throw new ProviderException(
                ProviderException.Kind.RETRYABLE, 0, chunk.path("error").asText());
          }
          String piece = read(chunk, calls);
          if (!piece.isEmpty()) {
            text.append(piece);
            onDelta.accept(piece);
          }
          last[0] = chunk;
        });
    return answer(text.toString(), calls, last[0]);
  }

  private static String read(JsonNode body, List<ToolCall> calls) {
    JsonNode message = body.path("message");
    for (JsonNode c : message.path("tool_calls")) {
      JsonNode fn = c.path("function");
      String id =
          c.path("id").asText("call_" + (calls.size() + 1) + "_" + fn.path("name").asText());
      calls.add(
          new ToolCall(
              id,
              fn.path("name").asText(),
              fn.path("arguments").isObject() ? (ObjectNode) fn.path("arguments") : null));
    }
    return message.path("content").asText("");
  }

  private static ChatResponse answer(String text, List<ToolCall> calls, JsonNode last) {
    ChatMessage reply =
        ChatMessage.assistant(text.isEmpty() ? null : text, calls.isEmpty() ? null : calls);
    Usage usage =
        new Usage(last.path("prompt_eval_count").asInt(0), last.path("eval_count").asInt(0));
    return new ChatResponse(
        reply,
        ChatResponse.finish(reply, last.path("done_reason").asText("").equals("length")),
        usage);
  }

  @Override
  public void probe(Target target) {
    http.getJson(base(target) + "/api/tags", headers(target));
  }
}
