package io.switchboard.gateway.health;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** {@code GET /health/detailed}: every service's readiness and latency, and the gateway's own. */
@Path("/health/detailed")
@PermitAll
@Tag(name = "Health")
public class DetailedHealthResource {

  private final ServiceProber prober;
  private final GatewayDependencies dependencies;

  public DetailedHealthResource(ServiceProber prober, GatewayDependencies dependencies) {
    this.prober = prober;
    this.dependencies = dependencies;
  }

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Health of the whole suite",
      description =
          "Probes every service's readiness concurrently. UP: all services and dependencies up;"
              + " DEGRADED: some down; DOWN: no service up.")
  @APIResponse(
      responseCode = "200",
      description = "UP or DEGRADED",
      content = @Content(schema = @Schema(implementation = DetailedHealth.class)))
  @APIResponse(
      responseCode = "503",
      description = "DOWN",
      content = @Content(schema = @Schema(implementation = DetailedHealth.class)))
  public Uni<Response> detailed() {
    return Uni.combine()
        .all()
        .unis(prober.probeAll(), dependencies.check())
        .with(
            (services, deps) -> {
              DetailedHealth health = DetailedHealth.of(services, deps, Instant.now());
              int status = health.status() == HealthStatus.DOWN ? 503 : 200;
              return Response.status(status).entity(health).build();
            });
  }
}
