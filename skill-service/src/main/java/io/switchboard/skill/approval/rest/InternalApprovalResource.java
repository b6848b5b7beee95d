package io.switchboard.skill.approval.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.switchboard.defaults.security.Roles;
import io.switchboard.skill.approval.ApprovalService;
import io.switchboard.skill.approval.ApprovalView;
import io.switchboard.skill.execute.ToolCall;
import io.switchboard.skill.execute.ToolExecutor;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** For agent-service: approvals of tool calls, created, listed and answered for a user. */
@Path("/internal/approvals")
@Tag(name = "Internal")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.SERVICE)
public class InternalApprovalResource {

  public record CreateRequest(
      @NotNull UUID userId,
      @NotNull @Size(min = 1, max = 40) String skillId,
      @NotNull @Size(min = 1, max = 200) String tool,
      JsonNode arguments,
      @Size(max = 1000) String summary) {}

  public record ResolveRequest(@NotNull UUID userId, @NotNull Boolean approved, Boolean remember) {}

  public record ApprovalList(List<ApprovalView> approvals) {}

  private final ApprovalService approvals;
  private final ToolExecutor executor;
  private final JsonWebToken jwt;

  public InternalApprovalResource(
      ApprovalService approvals, ToolExecutor executor, JsonWebToken jwt) {
    this.approvals = approvals;
    this.executor = executor;
    this.jwt = jwt;
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(summary = "Create a pending approval for a call (404 unknown tool, 400 bad args)")
  public Response create(@Valid @NotNull CreateRequest request) {
    JsonNode args =
        request.arguments() == null ? JsonNodeFactory.instance.objectNode() : request.arguments();
    ToolCall call =
        new ToolCall(
            request.userId(),
            null,
            request.skillId(),
            request.tool(),
            args,
            null,
            jwt.getSubject());
    executor.check(call);
    ApprovalView view = ApprovalView.of(approvals.create(call, request.summary()));
    return Response.created(URI.create("/internal/approvals/" + view.requestId()))
        .entity(view)
        .build();
  }

  @GET
  @Operation(summary = "The user's pending approvals, oldest first")
  public ApprovalList pending(@QueryParam("userId") @NotNull UUID userId) {
    return new ApprovalList(approvals.pending(userId).stream().map(ApprovalView::of).toList());
  }

  @GET
  @Path("/{id}")
  @Operation(summary = "One approval of the user; 404 unknown or another user's")
  public ApprovalView get(@PathParam("id") UUID id, @QueryParam("userId") @NotNull UUID userId) {
    return ApprovalView.of(approvals.get(id, userId));
  }

  @POST
  @Path("/{id}/resolve")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Answer an approval for the user",
      description =
          "404 unknown or another user's; 409 approval_resolved when already answered"
              + " or expired; remember writes the user's override (allow or deny) for that tool.")
  public ApprovalView resolve(@PathParam("id") UUID id, @Valid @NotNull ResolveRequest request) {
    return ApprovalView.of(
        approvals.resolve(
            id, request.userId(), request.approved(), Boolean.TRUE.equals(request.remember())));
  }
}
