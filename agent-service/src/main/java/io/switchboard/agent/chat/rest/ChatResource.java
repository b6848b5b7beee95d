package io.switchboard.agent.chat.rest;

import io.switchboard.agent.approval.service.ApprovalService;
import io.switchboard.agent.approval.service.PendingApprovals;
import io.switchboard.agent.chat.rest.ChatDtos.ApproveRequest;
import io.switchboard.agent.chat.rest.ChatDtos.ChatRequest;
import io.switchboard.agent.chat.rest.ChatDtos.PendingList;
import io.switchboard.agent.chat.rest.ChatDtos.Resolved;
import io.switchboard.agent.chat.service.ChatService;
import io.switchboard.defaults.idempotency.Idempotency;
import io.switchboard.defaults.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Chat exchanges and the user's answers to approval requests. */
@Path("/api/chat")
@Tag(name = "Chat")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.USER)
public class ChatResource {

  private final ChatService chat;
  private final ApprovalService approvals;
  private final PendingApprovals pending;
  private final JsonWebToken jwt;
  private final Idempotency idempotency;

  public ChatResource(
      ChatService chat,
      ApprovalService approvals,
      PendingApprovals pending,
      JsonWebToken jwt,
      Idempotency idempotency) {
    this.chat = chat;
    this.approvals = approvals;
    this.pending = pending;
    this.jwt = jwt;
    this.idempotency = idempotency;
  }

  private UUID user() {
    return UUID.fromString(jwt.getSubject());
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "One chat exchange",
      description =
          "200 with the answer, or 202 {sessionId,status:awaiting_approval,approval} when a tool"
              + " call needs the user's approval first (after it, the answer is appended to the"
              + " session's messages). 409 session_busy while the session still answers or"
              + " waits; 409 agent_session for an agent's session. Idempotency-Key honoured.")
  @APIResponse(
      responseCode = "200",
      description = "The answer",
      content = @Content(schema = @Schema(implementation = ChatDtos.ChatResponse.class)))
  @APIResponse(
      responseCode = "202",
      description = "A tool call waits for the user's approval",
      content = @Content(schema = @Schema(implementation = ChatDtos.ChatAwaiting.class)))
  @APIResponse(responseCode = "409", description = "session_busy or agent_session")
  @APIResponse(responseCode = "502", description = "model_unavailable, max_iterations_reached")
  @APIResponse(responseCode = "503", description = "model_unavailable, dependency_unavailable")
  public Response chat(
      @Valid @NotNull ChatRequest request, @HeaderParam(Idempotency.HEADER) String idempotencyKey) {
    return idempotency.once(
        jwt.getSubject(),
        "POST /api/chat",
        idempotencyKey,
        request,
        () -> chat.chat(user(), request, jwt.getRawToken()));
  }

  @POST
  @Path("/approve")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Answer an approval request",
      description =
          "Approved: the waiting work runs the tool and continues. Denied: the model is told."
              + " remember: stored as a lasting permission in skill-service. 404 unknown or"
              + " expired, 409 already_resolved. Requests created by skill-service's own execute"
              + " endpoint are forwarded to it.")
  @APIResponse(
      responseCode = "200",
      description = "Resolved",
      content = @Content(schema = @Schema(implementation = Resolved.class)))
  @APIResponse(responseCode = "404", description = "Unknown, expired or another user's request")
  @APIResponse(responseCode = "409", description = "already_resolved")
  @APIResponse(responseCode = "502", description = "skill-service failed a forwarded request")
  @APIResponse(responseCode = "503", description = "skill-service unreachable for a forwarded one")
  public Resolved approve(@Valid @NotNull ApproveRequest request) {
    approvals.resolve(user(), request, jwt.getRawToken());
    return new Resolved(true, request.requestId());
  }

  @GET
  @Path("/approvals/pending")
  @Operation(
      summary = "Everything waiting on the caller's answer, oldest first",
      description =
          "agent-service's approvals (agents, chat), skill-service's (its execute endpoint,"
              + " hooks, pipeline tool stages) and pipeline approval stages, one list ordered by"
              + " createdAt (then requestId), not paginated (requests expire, 15 minutes by"
              + " default). A service that cannot answer within 5 s leaves its part out: 200 with"
              + " partial:true and unavailable naming it.")
  public PendingList pending() {
    PendingApprovals.Result result = pending.pending(user());
    return new PendingList(
        result.approvals(), !result.unavailable().isEmpty(), result.unavailable());
  }
}
