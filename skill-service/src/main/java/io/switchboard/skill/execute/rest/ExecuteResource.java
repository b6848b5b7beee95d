package io.switchboard.skill.execute.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.switchboard.defaults.problem.ProblemException;
import io.switchboard.defaults.security.Roles;
import io.switchboard.skill.execute.ToolBridge;
import io.switchboard.skill.execute.ToolCall;
import io.switchboard.skill.execute.ToolExecutor;
import io.switchboard.skill.execute.rest.ExecuteDtos.AwaitingApproval;
import io.switchboard.skill.execute.rest.ExecuteDtos.ExecuteRequest;
import io.switchboard.skill.execute.rest.ExecuteDtos.ExecuteResponse;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The MCP bridge for users: any tool of any skill, under the caller's permissions. */
@Path("/api/skills/{skillId}/tools/{toolName}/execute")
@Tag(name = "Skills")
@Produces(MediaType.APPLICATION_JSON)
public class ExecuteResource {

  private final ToolBridge bridge;
  private final JsonWebToken jwt;

  public ExecuteResource(ToolBridge bridge, JsonWebToken jwt) {
    this.bridge = bridge;
    this.jwt = jwt;
  }

  @POST
  @RolesAllowed(Roles.USER)
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Execute a tool",
      description =
          "200 {result,isError,durationMs}; 202 awaiting_approval when the permission is ask;"
              + " 403 permission_denied; 400 validation_failed / unknown_secret; 404 unknown"
              + " skill or tool; 502 tool_failed / tool_result_too_large; 503"
              + " skill_unavailable; 504 tool_timeout.")
  public Response execute(
      @PathParam("skillId") String skillId,
      @PathParam("toolName") String toolName,
      ExecuteRequest request) {
    JsonNode arguments = request == null ? null : request.arguments();
    if (arguments == null || arguments.isNull()) {
      arguments = JsonNodeFactory.instance.objectNode();
    }
    if (!arguments.isObject()) {
      throw ProblemException.validation("arguments", "must be an object");
    }
    ToolCall call =
        new ToolCall(
            UUID.fromString(jwt.getSubject()),
            jwt.getRawToken(),
            skillId,
            toolName,
            arguments,
            request == null ? null : request.approvalRequestId(),
            "user");
    return answer(bridge.execute(call));
  }

  /** 200 with the result, or 202 with the approval the call waits for. */
  public static Response answer(ToolBridge.Outcome outcome) {
    if (outcome instanceof ToolBridge.Awaiting awaiting) {
      return Response.accepted(new AwaitingApproval("awaiting_approval", awaiting.approval()))
          .build();
    }
    ToolExecutor.Completed done = ((ToolBridge.Ran) outcome).completed();
    return Response.ok(new ExecuteResponse(done.result(), done.isError(), done.durationMs()))
        .build();
  }
}
