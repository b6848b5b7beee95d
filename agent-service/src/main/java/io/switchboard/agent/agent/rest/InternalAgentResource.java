package io.switchboard.agent.agent.rest;

import io.quarkus.panache.common.Sort;
import io.switchboard.agent.agent.Agent;
import io.switchboard.agent.agent.rest.AgentDtos.CreateRequest;
import io.switchboard.agent.agent.service.AgentService;
import io.switchboard.agent.session.Message;
import io.switchboard.defaults.idempotency.Idempotency;
import io.switchboard.defaults.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Valid;
import jakarta.validation.Validator;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
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
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Agents started by other services on behalf of a user, with no user request to carry a token: a
 * hook's {@code spawn_agent} action (skill-service) and a pipeline's agent stage
 * (pipeline-service). Service tokens only; the tools come from skill-service's internal list.
 */
@Path("/internal/agents")
@Tag(name = "Internal")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.SERVICE)
public class InternalAgentResource {

  private final AgentService agents;
  private final Validator validator;
  private final Idempotency idempotency;

  public InternalAgentResource(AgentService agents, Validator validator, Idempotency idempotency) {
    this.agents = agents;
    this.validator = validator;
    this.idempotency = idempotency;
  }

  /** A hook's spawn_agent: an agent for the user, running the prompt at once. */
  public record SpawnRequest(
      @NotNull UUID userId,
      String name,
      @NotBlank String prompt,
      String topic,
      String model,
      String systemPrompt,
      List<String> skills) {}

  /** A pipeline's agent stage. */
  public record RunRequest(
      @NotNull UUID userId,
      @NotNull UUID runId,
      @NotBlank @Size(max = 100) String stage,
      @NotBlank String prompt,
      String topic,
      String model,
      List<String> skills) {}

  public record Spawned(UUID agentId, UUID sessionId) {}

  public record LastMessage(String content) {}

  /** Where an agent stands: {@code idle} after a final answer (then {@code lastMessage}). */
  public record Outcome(UUID id, String status, String lastError, LastMessage lastMessage) {}

  public record CancelRequest(@NotNull UUID userId) {}

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(summary = "Spawn an agent for a user that runs a prompt at once (service tokens)")
  public Response spawn(@Valid @NotNull SpawnRequest request) {
    Agent agent =
        start(
            request.userId(),
            new CreateRequest(
                request.name(),
                null,
                request.topic(),
                request.model(),
                request.systemPrompt(),
                request.skills(),
                request.prompt()));
    return Response.created(URI.create("/api/agents/" + agent.id))
        .entity(new Spawned(agent.id, agent.sessionId))
        .build();
  }

  @POST
  @Path("/runs")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Run a pipeline stage as an agent (service tokens)",
      description =
          "202 {agentId}; poll GET /internal/agents/{agentId}?userId= for the outcome. With an"
              + " Idempotency-Key (pipeline-service sends runId:stage:attempt) a retried start"
              + " gets the same agent.")
  public Response run(
      @Valid @NotNull RunRequest request, @HeaderParam(Idempotency.HEADER) String idempotencyKey) {
    return idempotency.once(
        request.userId().toString(),
        "POST /internal/agents/runs",
        idempotencyKey,
        request,
        () -> startRun(request));
  }

  private Response startRun(RunRequest request) {
    String name = "pipeline-" + request.runId().toString().substring(0, 8) + "-" + request.stage();
    Agent agent =
        start(
            request.userId(),
            new CreateRequest(
                name.length() > 100 ? name.substring(0, 100) : name,
                null,
                request.topic(),
                request.model(),
                null,
                request.skills(),
                request.prompt()));
    return Response.accepted(new Spawned(agent.id, agent.sessionId)).build();
  }

  @GET
  @Path("/{id}")
  @Transactional
  @Operation(summary = "An agent's status and its last answer (service tokens)")
  public Outcome outcome(@PathParam("id") UUID id, @QueryParam("userId") @NotNull UUID userId) {
    Agent agent = agents.get(userId, id);
    Message last =
        Message.<Message>find(
                "sessionId = ?1 and role = 'assistant'", Sort.descending("pos"), agent.sessionId)
            .firstResult();
    return new Outcome(
        agent.id,
        agent.status,
        agent.lastError,
        last == null ? null : new LastMessage(last.content));
  }

  @POST
  @Path("/{id}/cancel")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(summary = "Stop an agent's work and remove it (service tokens); 204")
  public Response cancel(@PathParam("id") UUID id, @Valid @NotNull CancelRequest request) {
    agents.delete(request.userId(), id);
    return Response.noContent().build();
  }

  /** Same rules as the public create (text patterns, sizes), then started without a user token. */
  private Agent start(UUID userId, CreateRequest request) {
    var violations = validator.validate(request);
    if (!violations.isEmpty()) {
      throw new ConstraintViolationException(violations);
    }
    return agents.create(userId, request, null);
  }
}
