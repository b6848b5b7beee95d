package io.switchboard.pipeline.approval.rest;

import io.switchboard.defaults.security.Roles;
import io.switchboard.pipeline.approval.service.ApprovalService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Pipeline approvals for agent-service, which owns {@code /api/chat/approve}. Service tokens. */
@Path("/internal/approvals")
@Tag(name = "Internal")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.SERVICE)
public class ApprovalResource {

  public record ResolveRequest(@NotNull UUID userId, @NotNull Boolean approved) {}

  public record Resolved(boolean resolved, UUID requestId, String outcome) {}

  public record PendingApproval(
      UUID requestId,
      String source,
      UUID runId,
      String question,
      Instant createdAt,
      Instant expiresAt) {}

  public record PendingList(List<PendingApproval> approvals) {}

  private final ApprovalService approvals;

  public ApprovalResource(ApprovalService approvals) {
    this.approvals = approvals;
  }

  @POST
  @Path("/{requestId}/resolve")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Answer a pipeline approval on behalf of a user",
      description = "200; 404 unknown, another user's or expired; 409 already_resolved.")
  public Resolved resolve(
      @PathParam("requestId") UUID requestId, @Valid @NotNull ResolveRequest request) {
    String outcome = approvals.resolve(request.userId(), requestId, request.approved());
    return new Resolved(true, requestId, outcome);
  }

  @GET
  @Path("/pending")
  @Operation(summary = "A user's open pipeline approvals (for /api/chat/approvals/pending)")
  public PendingList pending(@QueryParam("userId") @NotNull UUID userId) {
    return new PendingList(
        approvals.pending(userId).stream()
            .map(
                a ->
                    new PendingApproval(
                        a.id, "pipeline", a.runId, a.question, a.createdAt, a.expiresAt))
            .toList());
  }
}
