package io.switchboard.pipeline.run.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.defaults.page.PageMeta;
import io.switchboard.pipeline.run.PipelineRun;
import io.switchboard.pipeline.run.PipelineStage;
import io.switchboard.pipeline.template.StageDefinition;
import jakarta.validation.constraints.NotNull;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Bodies of the run API. */
public final class RunDtos {

  private RunDtos() {}

  @Schema(name = "StartPipelineRequest")
  public record StartRequest(
      @NotNull UUID templateId,
      @Schema(description = "Values for {{input.KEY}}; every key the template uses is required")
          JsonNode input) {}

  @Schema(name = "PipelineRun")
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record RunView(
      UUID id,
      UUID templateId,
      String name,
      @Schema(
              enumeration = {
                "pending",
                "running",
                "awaiting_approval",
                "completed",
                "failed",
                "stopped"
              })
          String status,
      String currentStage,
      Instant startedAt,
      Instant completedAt,
      String error) {

    public static RunView of(PipelineRun r) {
      return new RunView(
          r.id,
          r.templateId,
          r.name,
          r.status,
          r.currentStageName,
          r.startedAt,
          r.completedAt,
          r.error);
    }
  }

  @Schema(name = "PipelineRunStage")
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record StageView(
      int index,
      String name,
      String type,
      @Schema(
              enumeration = {
                "pending",
                "running",
                "awaiting_approval",
                "completed",
                "failed",
                "cancelled"
              })
          String status,
      Instant startedAt,
      Instant completedAt,
      String output,
      String error,
      int attempts,
      @Schema(
              description =
                  "approval stages, and tool stages whose tool needs the user's approval"
                      + " (permission ask): the requestId to answer with /api/chat/approve")
          String requestId) {

    public static StageView of(PipelineStage s) {
      String requestId =
          StageDefinition.APPROVAL.equals(s.type) || StageDefinition.TOOL.equals(s.type)
              ? s.externalId
              : null;
      return new StageView(
          s.index,
          s.name,
          s.type,
          s.status,
          s.startedAt,
          s.completedAt,
          s.output,
          s.error,
          s.attempts,
          requestId);
    }
  }

  @Schema(name = "PipelineRunDetail")
  public record RunDetail(RunView pipeline, List<StageView> stages) {}

  @Schema(name = "PipelineRunList")
  public record RunList(List<RunView> pipelines, @JsonUnwrapped PageMeta page) {}
}
