package io.switchboard.model.registry.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.switchboard.model.registry.Model;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The request and response bodies of the model registry. */
public final class ModelDtos {

  public static final String NAME_PATTERN = "[A-Za-z0-9][A-Za-z0-9_.:-]*";
  public static final String NAME_MESSAGE =
      "must start with a letter or digit, then letters, digits, '_', '.', ':' or '-'";
  public static final String TOPIC_PATTERN = "[a-z0-9_-]+";

  private ModelDtos() {}

  @Schema(name = "ModelCapabilities")
  public record Capabilities(Boolean tools, Boolean vision, Boolean streaming) {}

  @Schema(name = "CreateModelRequest")
  public record CreateRequest(
      @NotNull @Size(min = 1, max = 100) @Pattern(regexp = NAME_PATTERN, message = NAME_MESSAGE) String name,
      @Schema(description = "openai, ollama, anthropic, gemini, cli or local") @NotBlank String provider,
      @Schema(description = "The provider's model id; for cli the tool's name")
          @NotBlank @Size(max = 200) String modelId,
      @Schema(description = "Base URL; the provider's public API when absent") @Size(max = 2048) String endpoint,
      @Schema(description = "A vault credential, resolved for the calling user per request")
          UUID credentialId,
      @Size(max = 20) List<@NotNull @Pattern(regexp = TOPIC_PATTERN) String> topics,
      @Schema(description = "Lower is tried first within a topic (default 100)") @Min(0) @Max(10000) Integer priority,
      @Min(1) @Max(10_000_000) Integer maxTokens,
      @Min(1) @Max(100_000_000) Integer contextWindow,
      @Valid Capabilities capabilities,
      Boolean enabled,
      Boolean isDefault) {}

  @Schema(name = "UpdateModelRequest", description = "Only the fields present change")
  public record UpdateRequest(
      @Size(min = 1, max = 100) @Pattern(regexp = NAME_PATTERN, message = NAME_MESSAGE) String name,
      String provider,
      @Size(min = 1, max = 200) String modelId,
      @Size(max = 2048) String endpoint,
      UUID credentialId,
      @Size(max = 20) List<@NotNull @Pattern(regexp = TOPIC_PATTERN) String> topics,
      @Min(0) @Max(10000) Integer priority,
      @Min(1) @Max(10_000_000) Integer maxTokens,
      @Min(1) @Max(100_000_000) Integer contextWindow,
      @Valid Capabilities capabilities,
      Boolean enabled) {}

  @Schema(name = "Model")
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record ModelView(
      UUID id,
      String name,
      String provider,
      String modelId,
      String endpoint,
      UUID credentialId,
      List<String> topics,
      int priority,
      Integer maxTokens,
      Integer contextWindow,
      Capabilities capabilities,
      boolean enabled,
      boolean isDefault,
      Instant createdAt) {

    public static ModelView of(Model m) {
      return new ModelView(
          m.id,
          m.name,
          m.provider,
          m.modelId,
          m.endpoint,
          m.credentialId,
          m.topicList(),
          m.priority,
          m.maxTokens,
          m.contextWindow,
          new Capabilities(m.capTools, m.capVision, m.capStreaming),
          m.enabled,
          m.isDefault,
          m.createdAt);
    }
  }

  @Schema(name = "ModelList")
  public record ModelList(List<ModelView> models) {}
}
