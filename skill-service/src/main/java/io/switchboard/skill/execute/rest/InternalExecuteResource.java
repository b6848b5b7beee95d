package io.switchboard.skill.execute.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.switchboard.defaults.problem.ProblemException;
import io.switchboard.defaults.security.Roles;
import io.switchboard.skill.execute.ToolBridge;
import io.switchboard.skill.execute.ToolCall;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** For agent-service and pipeline-service: run a tool on behalf of a user. */
@Path("/internal/tools/execute")
@Tag(name = "Internal")
@Produces(MediaType.APPLICATION_JSON)
public class InternalExecuteResource {

  @Schema(name = "InternalExecuteRequest")
  public record Request(
      @NotNull UUID userId,
      @NotNull @Size(min = 1, max = 40) String skillId,
      @NotNull @Size(min = 1, max = 200) String tool,
      JsonNode arguments,
      UUID approvalRequestId,
      @Schema(
              description =
                  "true: the calling service holds the user's approval for exactly this call in"
                      + " its own records (agent-service's loop); ask is not asked again, deny"
                      + " still refuses")
          Boolean approvedByCaller) {}

  private final ToolBridge bridge;
  private final JsonWebToken jwt;

  public InternalExecuteResource(ToolBridge bridge, JsonWebToken jwt) {
    this.bridge = bridge;
    this.jwt = jwt;
  }

  @POST
  @RolesAllowed(Roles.SERVICE)
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Execute a tool for a user (service tokens only)",
      description =
          "Same answers as the public execute: 200 result, 202 awaiting_approval (an approval is"
              + " created, requestedBy = the calling service), 403 permission_denied. With"
              + " approvalRequestId approved for exactly this call, it runs without asking.")
  public Response execute(@Valid @NotNull Request request) {
    JsonNode arguments = request.arguments();
    if (arguments == null || arguments.isNull()) {
      arguments = JsonNodeFactory.instance.objectNode();
    }
    if (!arguments.isObject()) {
      throw ProblemException.validation("arguments", "must be an object");
    }
    ToolCall call =
        new ToolCall(
            request.userId(),
            null,
            request.skillId(),
            request.tool(),
            arguments,
            request.approvalRequestId(),
            jwt.getSubject());
    return ExecuteResource.answer(
        Boolean.TRUE.equals(request.approvedByCaller())
            ? bridge.executeApprovedByCaller(call)
            : bridge.execute(call));
  }
}
