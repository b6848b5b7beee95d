package io.switchboard.model.provider.openai;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.model.provider.ChatProvider;
import io.switchboard.model.provider.ChatRequest;
import io.switchboard.model.provider.ChatResponse;
import io.switchboard.model.provider.ProviderException;
import io.switchboard.model.provider.ProviderKind;
import io.switchboard.model.provider.Target;
import io.switchboard.model.provider.ToolCall;
import io.switchboard.model.provider.Usage;
import io.switchboard.model.provider.http.ProviderHttp;
import io.switchboard.model.provider.http.SseEvent;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * {@code openai}: the Chat Completions API of OpenAI and of every compatible server (LiteLLM, vLLM,
 * LM Studio, Ollama's /v1). An endpoint may end in {@code /v1} or not.
 */
@ApplicationScoped
public class OpenAiProvider implements ChatProvider {

  static final String PUBLIC_API = "https://api.openai.com";

  private final ProviderHttp http;
  private final OpenAiWire wire;

  public OpenAiProvider(ProviderHttp http) {
    this.http = http;
    this.wire = new OpenAiWire(http.json());
  }

  @Override
  public ProviderKind kind() {
    return ProviderKind.OPENAI;
  }

  static String base(Target target) {
    String base = target.endpointOr(PUBLIC_API);
    return base.endsWith("/v1") ? base : base + "/v1";
  }

  private static Map<String, String> headers(Target target) {
    Map<String, String> h = new HashMap<>();
    if (target.apiKey() != null) {
      h.put("Authorization", "Bearer " + target.apiKey());
    }
    return h;
  }

  @Override
  public ChatResponse chat(Target target, ChatRequest request) {
    JsonNode body =
        http.postJson(
            base(target) + "/chat/completions",
            headers(target),
            wire.request(target.modelId(), request, false));
    return wire.response(body);
  }

  @Override
  public ChatResponse stream(Target target, ChatRequest request, Consumer<String> onDelta) {
    StringBuilder text = new StringBuilder();
    Map<Integer, String[]> calls = new TreeMap<>(); // index -> {id, name, arguments}
    String[] finish = {""};
    Usage[] usage = {Usage.NONE};
    http.postSse(
        base(target) + "/chat/completions",
        headers(target),
        wire.request(target.modelId(), request, true),
        event -> onChunk(event, text, calls, finish, usage, onDelta));
    List<ToolCall> toolCalls = new ArrayList<>();
    calls.values().forEach(c -> toolCalls.add(new ToolCall(c[0], c[1], wire.arguments(c[2]))));
    return wire.answer(text.isEmpty() ? null : text.toString(), toolCalls, finish[0], usage[0]);
  }

  private void onChunk(
      SseEvent event,
      StringBuilder text,
      Map<Integer, String[]> calls,
      String[] finish,
      Usage[] usage,
      Consumer<String> onDelta) {
    if (event.data().equals("[DONE]")) {
      return;
    }
    JsonNode chunk;
    try {
      chunk = http.json().readTree(event.data());
    } catch (IOException e) {
      throw new ProviderException(ProviderException.Kind.RETRYABLE, 0, "Unreadable stream chunk");
    }
    if (chunk.has("error")) {
      throw new ProviderException(
          ProviderException.Kind.RETRYABLE, 0, chunk.path("error").path("message").asText("error"));
    }
    if (chunk.path("usage").isObject()) {
      usage[0] = OpenAiWire.usage(chunk.path("usage"));
    }
    JsonNode choice = chunk.path("choices").path(0);
    if (choice.path("finish_reason").isTextual()) {
      finish[0] = choice.path("finish_reason").asText();
    }
    JsonNode delta = choice.path("delta");
    String piece = delta.path("content").asText("");
    if (!piece.isEmpty()) {
      text.append(piece);
      onDelta.accept(piece);
    }
    for (JsonNode c : delta.path("tool_calls")) {
      String[] call =
          calls.computeIfAbsent(c.path("index").asInt(0), i -> new String[] {"", "", ""});
      call[0] = c.hasNonNull("id") ? c.path("id").asText() : call[0];
      call[1] += c.path("function").path("name").asText("");
      call[2] += c.path("function").path("arguments").asText("");
    }
  }

  @Override
  public void probe(Target target) {
    http.getJson(base(target) + "/models", headers(target));
  }
}
