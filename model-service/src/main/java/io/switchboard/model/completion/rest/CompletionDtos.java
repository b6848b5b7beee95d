package io.switchboard.model.completion.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.switchboard.model.provider.ChatMessage;
import io.switchboard.model.provider.ToolSpec;
import io.switchboard.model.provider.Usage;
import io.switchboard.model.routing.service.RoutingDecision.Skipped;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The internal completion API's bodies (contract: model-service/README.md). */
public final class CompletionDtos {

  private CompletionDtos() {}

  @Schema(name = "CompletionRequest")
  public record CompletionRequest(
      @Schema(description = "The user on whose behalf (credentials are theirs)") @NotNull UUID userId,
      @NotEmpty @Size(max = 1000) List<@Valid @NotNull ChatMessage> messages,
      @Size(max = 128) List<@Valid @NotNull ToolSpec> tools,
      @Schema(description = "A model's name or id: that model only, no fallback") @Size(max = 100) String model,
      @Schema(description = "Route by this topic instead of classifying the last user message")
          @Size(max = 50) String topic,
      @Min(1) @Max(1_000_000) Integer maxTokens,
      @Schema(description = "true: an SSE stream (also with Accept: text/event-stream)")
          Boolean stream) {}

  @Schema(name = "CompletionRouting")
  public record Routing(String chosen, String reason, List<Skipped> skipped) {}

  @Schema(name = "CompletionResponse")
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record CompletionResponse(
      String model,
      String provider,
      String topic,
      Routing routing,
      ChatMessage message,
      @Schema(description = "stop, tool_calls or length") String finishReason,
      Usage usage) {}

  @Schema(name = "CompletionDelta")
  public record Delta(String content) {}
}
