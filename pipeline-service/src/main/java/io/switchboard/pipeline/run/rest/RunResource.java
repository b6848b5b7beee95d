package io.switchboard.pipeline.run.rest;

import io.switchboard.defaults.idempotency.Idempotency;
import io.switchboard.defaults.page.PageRequest;
import io.switchboard.defaults.security.Roles;
import io.switchboard.pipeline.run.rest.RunDtos.RunDetail;
import io.switchboard.pipeline.run.rest.RunDtos.RunList;
import io.switchboard.pipeline.run.rest.RunDtos.RunView;
import io.switchboard.pipeline.run.rest.RunDtos.StartRequest;
import io.switchboard.pipeline.run.service.AgentStages;
import io.switchboard.pipeline.run.service.RunService;
import io.switchboard.pipeline.run.service.ToolStages;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** A user's pipeline runs. */
@Path("/api/pipelines")
@Tag(name = "Pipelines")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.USER)
public class RunResource {

  private final RunService runs;
  private final AgentStages agentStages;
  private final ToolStages toolStages;
  private final JsonWebToken jwt;
  private final Idempotency idempotency;

  public RunResource(
      RunService runs,
      AgentStages agentStages,
      ToolStages toolStages,
      JsonWebToken jwt,
      Idempotency idempotency) {
    this.toolStages = toolStages;
    this.runs = runs;
    this.agentStages = agentStages;
    this.jwt = jwt;
    this.idempotency = idempotency;
  }

  private UUID user() {
    return UUID.fromString(jwt.getSubject());
  }

  @GET
  @Operation(summary = "The caller's runs, newest first")
  public RunList list(@BeanParam @Valid PageRequest page) {
    return runs.list(user(), page);
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Start a run of a template",
      description =
          "201 with the run (status pending; the executor takes it from there). 404 for an"
              + " unknown or another user's template; 422 missing_input naming input.KEY for a"
              + " referenced key the input lacks. Idempotency-Key honoured.")
  public Response start(
      @Valid @NotNull StartRequest request,
      @HeaderParam(Idempotency.HEADER) String idempotencyKey) {
    return idempotency.once(
        jwt.getSubject(),
        "POST /api/pipelines",
        idempotencyKey,
        request,
        () -> {
          RunView run = runs.start(user(), request.templateId(), request.input());
          return Response.created(URI.create("/api/pipelines/" + run.id())).entity(run).build();
        });
  }

  @GET
  @Path("/{id}")
  @Operation(summary = "A run with its stages")
  public RunDetail get(@PathParam("id") UUID id) {
    return runs.get(user(), id);
  }

  @POST
  @Path("/{id}/stop")
  @Operation(
      summary = "Stop a run",
      description =
          "The stage in flight is cancelled (an agent stage's agent is cancelled at"
              + " agent-service, a tool stage's open approval request is denied at"
              + " skill-service, both best effort). 409 run_finished when the run has ended.")
  public RunView stop(@PathParam("id") UUID id) {
    RunService.Stopped stopped = runs.stop(user(), id);
    if (stopped.agentId() != null) {
      agentStages.cancel(stopped.agentId(), user());
    }
    if (stopped.toolApprovalId() != null) {
      toolStages.withdraw(stopped.toolApprovalId(), user());
    }
    return stopped.run();
  }
}
