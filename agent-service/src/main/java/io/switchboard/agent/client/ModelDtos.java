package io.switchboard.agent.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.UUID;

/** model-service's internal completion contract ({@code POST /internal/completions}). */
public final class ModelDtos {

  private ModelDtos() {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record CompletionRequest(
      UUID userId,
      List<ChatMessage> messages,
      List<ToolSpec> tools,
      String model,
      String topic,
      Integer maxTokens) {}

  @JsonInclude(JsonInclude.Include.NON_EMPTY)
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record ChatMessage(
      String role, String content, List<ToolCall> toolCalls, String toolCallId) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  public record ToolCall(String id, String name, JsonNode arguments) {}

  public record ToolSpec(String name, String description, JsonNode inputSchema) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Usage(long inputTokens, long outputTokens) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  public record CompletionResponse(
      String model,
      String provider,
      String topic,
      JsonNode routing,
      ChatMessage message,
      String finishReason,
      Usage usage) {}
}
