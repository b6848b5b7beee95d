package io.switchboard.skill.execute.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The bodies of tool execution. */
public final class ExecuteDtos {

  private ExecuteDtos() {}

  @Schema(name = "ExecuteToolRequest")
  public record ExecuteRequest(
      @Schema(description = "The tool's arguments; strings may hold {{secret:NAME}}")
          JsonNode arguments,
      @Schema(description = "An approved approval for exactly this call (after a 202)")
          UUID approvalRequestId) {}

  @Schema(name = "ToolResult")
  public record ExecuteResponse(JsonNode result, boolean isError, long durationMs) {}

  @Schema(name = "AwaitingApproval")
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record AwaitingApproval(
      @Schema(enumeration = "awaiting_approval") String status,
      io.switchboard.skill.approval.ApprovalView approval) {}
}
