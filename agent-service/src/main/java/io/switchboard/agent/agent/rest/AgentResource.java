package io.switchboard.agent.agent.rest;

import io.switchboard.agent.agent.Agent;
import io.switchboard.agent.agent.rest.AgentDtos.AgentList;
import io.switchboard.agent.agent.rest.AgentDtos.AgentView;
import io.switchboard.agent.agent.rest.AgentDtos.CreateRequest;
import io.switchboard.agent.agent.rest.AgentDtos.MessageRequest;
import io.switchboard.agent.agent.service.AgentService;
import io.switchboard.agent.event.EventLog;
import io.switchboard.agent.event.EventLog.EventPage;
import io.switchboard.defaults.idempotency.Idempotency;
import io.switchboard.defaults.page.PageRequest;
import io.switchboard.defaults.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The caller's agents. */
@Path("/api/agents")
@Tag(name = "Agents")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.USER)
public class AgentResource {

  static final String STATUS = "idle|running|awaiting_approval|paused|stopped|error";
  static final String UUID_PATTERN =
      "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}";
  static final String LIMIT = "0*([1-9]|[1-9][0-9]|1[0-9][0-9]|200)";

  private final AgentService agents;
  private final EventLog events;
  private final JsonWebToken jwt;
  private final Idempotency idempotency;

  public AgentResource(
      AgentService agents, EventLog events, JsonWebToken jwt, Idempotency idempotency) {
    this.agents = agents;
    this.events = events;
    this.jwt = jwt;
    this.idempotency = idempotency;
  }

  private UUID user() {
    return UUID.fromString(jwt.getSubject());
  }

  @GET
  @Operation(summary = "List the caller's agents, newest first, by status and session")
  public AgentList list(
      @QueryParam("status") @Pattern(regexp = STATUS, message = "must be one of " + STATUS) String status,
      @QueryParam("sessionId") @Pattern(regexp = UUID_PATTERN, message = "must be a session id") String sessionId,
      @BeanParam @Valid PageRequest page) {
    UUID session = sessionId == null ? null : UUID.fromString(sessionId);
    return agents.list(user(), status, session, page);
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Spawn an agent",
      description =
          "201 with the agent: idle, or running when a first message is given. sessionId: a"
              + " session of the caller to continue (404 when unknown). Idempotency-Key honoured.")
  @APIResponse(
      responseCode = "201",
      description = "The agent",
      content = @Content(schema = @Schema(implementation = AgentView.class)))
  @APIResponse(responseCode = "404", description = "sessionId is not a session of the caller")
  public Response create(
      @Valid @NotNull CreateRequest request,
      @HeaderParam(Idempotency.HEADER) String idempotencyKey) {
    return idempotency.once(
        jwt.getSubject(),
        "POST /api/agents",
        idempotencyKey,
        request,
        () -> {
          Agent a = agents.create(user(), request, jwt.getRawToken());
          return Response.created(URI.create("/api/agents/" + a.id))
              .entity(AgentView.of(a))
              .build();
        });
  }

  @GET
  @Path("/{id}")
  @Operation(summary = "An agent")
  public AgentView get(@PathParam("id") UUID id) {
    return AgentView.of(agents.get(user(), id));
  }

  @DELETE
  @Path("/{id}")
  @Operation(summary = "Stop any work in flight and remove the agent (its session stays)")
  @APIResponse(responseCode = "204", description = "Deleted")
  public Response delete(@PathParam("id") UUID id) {
    agents.delete(user(), id);
    return Response.noContent().build();
  }

  @POST
  @Path("/{id}/message")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Send the agent a message",
      description =
          "202: processing (it starts now) or queued (paused, waiting on an approval, or earlier"
              + " messages first); messages are answered in order. 409 agent_stopped.")
  @APIResponse(
      responseCode = "202",
      description = "Accepted",
      content = @Content(schema = @Schema(implementation = AgentDtos.MessageAccepted.class)))
  @APIResponse(responseCode = "409", description = "agent_stopped: the agent was deleted")
  public Response message(@PathParam("id") UUID id, @Valid @NotNull MessageRequest request) {
    return Response.accepted(agents.message(user(), id, request.message(), jwt.getRawToken()))
        .build();
  }

  @POST
  @Path("/{id}/pause")
  @Operation(summary = "Pause: the step in flight ends, no new step starts; messages queue up")
  public AgentView pause(@PathParam("id") UUID id) {
    return AgentView.of(agents.pause(user(), id));
  }

  @POST
  @Path("/{id}/resume")
  @Operation(summary = "Resume: queued messages are processed in order")
  public AgentView resume(@PathParam("id") UUID id) {
    return AgentView.of(agents.resume(user(), id));
  }

  @GET
  @Path("/{id}/events")
  @Operation(
      summary = "The agent's events after a cursor",
      description =
          "Events with seq > after (default 0), oldest first, at most limit (1..200, default 50;"
              + " over 200 is a 400, not clamped). nextCursor: the seq to pass as after next."
              + " gap: events after `after` were already dropped from the ring of 200.")
  public EventPage events(
      @PathParam("id") UUID id,
      @QueryParam("after")
          @Pattern(regexp = "[0-9]{1,18}", message = "must be a whole number from 0") String after,
      @QueryParam("limit") @Pattern(regexp = LIMIT, message = "must be between 1 and 200") String limit) {
    agents.get(user(), id);
    long from = after == null || after.isEmpty() ? 0 : Long.parseLong(after);
    int size =
        limit == null || limit.isEmpty() ? PageRequest.DEFAULT_LIMIT : Integer.parseInt(limit);
    return events.page(id, from, size);
  }
}
