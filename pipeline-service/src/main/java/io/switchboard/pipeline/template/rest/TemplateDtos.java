package io.switchboard.pipeline.template.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.defaults.page.PageMeta;
import io.switchboard.pipeline.template.StageDefinition;
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

/** Request and response bodies of the template API. */
public final class TemplateDtos {

  public static final String STAGE_NAME = "[a-z0-9_-]{1,64}";

  private TemplateDtos() {}

  @Schema(name = "PipelineTemplateRequest")
  public record TemplateRequest(
      @NotBlank @Size(max = 100) String name,
      @Size(max = 1000) String description,
      @NotNull @Size(min = 1, max = 50) List<@NotNull @Valid StageRequest> stages) {}

  @Schema(name = "PipelineStageRequest")
  public record StageRequest(
      @NotNull @Pattern(regexp = STAGE_NAME, message = "must be 1 to 64 of a-z, 0-9, '_' or '-'") String name,
      @Schema(enumeration = {"agent", "tool", "approval", "notify"}) @NotNull String type,
      @Schema(
              description =
                  "By type: agent {prompt,topic?,model?,skills?}, tool"
                      + " {skillId,tool,arguments?}, approval {question}, notify {title,body?}")
          @NotNull JsonNode config,
      @Min(0) @Max(5) Integer maxRetries,
      @Schema(description = "Per attempt; an approval stage's expiry (default 900)")
          @Min(1) @Max(86400) Integer timeoutSeconds) {}

  @Schema(name = "PipelineTemplate")
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record TemplateView(
      UUID id,
      String name,
      String description,
      List<StageDefinition> stages,
      Instant createdAt,
      Instant updatedAt) {}

  @Schema(name = "PipelineTemplateList")
  public record TemplateList(List<TemplateView> templates, @JsonUnwrapped PageMeta page) {}
}
