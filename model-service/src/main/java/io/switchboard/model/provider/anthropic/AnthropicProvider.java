package io.switchboard.model.provider.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/** {@code anthropic}: the Messages API ({@code POST /v1/messages}), whole or streamed (SSE). */
@ApplicationScoped
public class AnthropicProvider implements ChatProvider {

  static final String PUBLIC_API = "https://api.anthropic.com";
  static final String VERSION = "2023-06-01";

  private final ProviderHttp http;
  private final AnthropicWire wire;

  public AnthropicProvider(ProviderHttp http) {
    this.http = http;
    this.wire = new AnthropicWire(http.json());
  }

  @Override
  public ProviderKind kind() {
    return ProviderKind.ANTHROPIC;
  }

  private static String base(Target target) {
    String base = target.endpointOr(PUBLIC_API);
    return base.endsWith("/v1") ? base : base + "/v1";
  }

  private static Map<String, String> headers(Target target) {
    Map<String, String> h = new HashMap<>();
    h.put("anthropic-version", VERSION);
    if (target.apiKey() != null) {
      h.put("x-api-key", target.apiKey());
    }
    return h;
  }

  @Override
  public ChatResponse chat(Target target, ChatRequest request) {
    JsonNode body =
        http.postJson(
            base(target) + "/messages",
            headers(target),
            wire.request(target.modelId(), request, false));
    return wire.response(body);
  }

  @Override
  public ChatResponse stream(Target target, ChatRequest request, Consumer<String> onDelta) {
    StringBuilder text = new StringBuilder();
    Map<Integer, String[]> tools = new TreeMap<>(); // block index -> {id, name, partial json}
    String[] stop = {""};
    int[] tokens = {0, 0};
    http.postSse(
        base(target) + "/messages",
        headers(target),
        wire.request(target.modelId(), request, true),
        event -> {
          JsonNode e = parse(event.data());
          switch (e.path("type").asText()) {
            case "message_start" ->
                tokens[0] = e.path("message").path("usage").path("input_tokens").asInt(0);
            case "content_block_start" -> {
              JsonNode block = e.path("content_block");
              if (block.path("type").asText().equals("tool_use")) {
                tools.put(
                    e.path("index").asInt(),
                    new String[] {block.path("id").asText(), block.path("name").asText(), ""});
              }
            }
            case "content_block_delta" -> {
              JsonNode d = e.path("delta");
              if (d.path("type").asText().equals("text_delta")) {
                String piece = d.path("text").asText("");
                text.append(piece);
                onDelta.accept(piece);
              } else if (d.path("type").asText().equals("input_json_delta")) {
                String[] t = tools.get(e.path("index").asInt());
                if (t != null) {
                  t[2] += d.path("partial_json").asText("");
                }
              }
            }
            case "message_delta" -> {
              stop[0] = e.path("delta").path("stop_reason").asText(stop[0]);
              tokens[1] = e.path("usage").path("output_tokens").asInt(tokens[1]);
            }
            case "error" ->
                throw new ProviderException(
                    ProviderException.Kind.RETRYABLE,
                    0,
                    e.path("error").path("message").asText("error"));
            default -> {
              // ping, content_block_stop, message_stop
            }
          }
        });
    List<ToolCall> calls = new ArrayList<>();
    for (String[] t : tools.values()) {
      JsonNode args = parse(t[2].isBlank() ? "{}" : t[2]);
      calls.add(new ToolCall(t[0], t[1], args instanceof ObjectNode o ? o : null));
    }
    return AnthropicWire.answer(text.toString(), calls, stop[0], new Usage(tokens[0], tokens[1]));
  }

  private JsonNode parse(String data) {
    try {
      return http.json().readTree(data);
    } catch (IOException e) {
      throw new ProviderException(ProviderException.Kind.RETRYABLE, 0, "Unreadable stream event");
    }
  }

  @Override
  public void probe(Target target) {
    http.getJson(base(target) + "/models", headers(target));
  }
}
