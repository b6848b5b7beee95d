package io.switchboard.model.provider.gemini;

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
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * {@code gemini}: the Gemini API ({@code POST /v1beta/models/{model}:generateContent}, streamed
 * with {@code :streamGenerateContent?alt=sse}); the key goes in {@code x-goog-api-key}.
 */
@ApplicationScoped
public class GeminiProvider implements ChatProvider {

  static final String PUBLIC_API = "https://generativelanguage.googleapis.com";

  private final ProviderHttp http;
  private final GeminiWire wire;

  public GeminiProvider(ProviderHttp http) {
    this.http = http;
    this.wire = new GeminiWire(http.json());
  }

  @Override
  public ProviderKind kind() {
    return ProviderKind.GEMINI;
  }

  private static String base(Target target) {
    String base = target.endpointOr(PUBLIC_API);
    return base.endsWith("/v1beta") ? base : base + "/v1beta";
  }

  private static String model(Target target) {
    String id =
        target.modelId().startsWith("models/") ? target.modelId().substring(7) : target.modelId();
    return URLEncoder.encode(id, StandardCharsets.UTF_8);
  }

  private static Map<String, String> headers(Target target) {
    Map<String, String> h = new HashMap<>();
    if (target.apiKey() != null) {
      h.put("x-goog-api-key", target.apiKey());
    }
    return h;
  }

  @Override
  public ChatResponse chat(Target target, ChatRequest request) {
    JsonNode body =
        http.postJson(
            base(target) + "/models/" + model(target) + ":generateContent",
            headers(target),
            wire.request(request));
    List<ToolCall> calls = new ArrayList<>();
    String text = wire.parts(body, calls);
    String finish = body.path("candidates").path(0).path("finishReason").asText("");
    return GeminiWire.answer(text, calls, finish, GeminiWire.usage(body, Usage.NONE));
  }

  @Override
  public ChatResponse stream(Target target, ChatRequest request, Consumer<String> onDelta) {
    StringBuilder text = new StringBuilder();
    List<ToolCall> calls = new ArrayList<>();
    String[] finish = {""};
    Usage[] usage = {Usage.NONE};
    http.postSse(
        base(target) + "/models/" + model(target) + ":streamGenerateContent?alt=sse",
        headers(target),
        wire.request(request),
        event -> {
          JsonNode chunk;
          try {
            chunk = http.json().readTree(event.data());
          } catch (IOException e) {
            throw new ProviderException(
                ProviderException.Kind.RETRYABLE, 0, "Unreadable stream chunk");
          }
          String piece = wire.parts(chunk, calls);
          if (!piece.isEmpty()) {
            text.append(piece);
            onDelta.accept(piece);
          }
          finish[0] = chunk.path("candidates").path(0).path("finishReason").asText(finish[0]);
          usage[0] = GeminiWire.usage(chunk, usage[0]);
        });
    return GeminiWire.answer(text.toString(), calls, finish[0], usage[0]);
  }

  @Override
  public void probe(Target target) {
    http.getJson(base(target) + "/models", headers(target));
  }
}
