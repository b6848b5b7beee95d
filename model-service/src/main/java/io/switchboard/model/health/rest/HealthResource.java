package io.switchboard.model.health.rest;

import io.switchboard.defaults.security.Roles;
import io.switchboard.model.health.service.ProviderHealth;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The health of the provider endpoints in use. */
@Path("/api/models/health")
@Tag(name = "Models")
@Produces(MediaType.APPLICATION_JSON)
public class HealthResource {

  @Schema(name = "ProviderHealthList")
  public record HealthList(List<ProviderHealth.Status> providers) {}

  private final ProviderHealth health;

  public HealthResource(ProviderHealth health) {
    this.health = health;
  }

  @GET
  @RolesAllowed(Roles.USER)
  @Operation(
      summary = "Provider health (cached; ?refresh=true checks now)",
      description =
          "One entry per provider endpoint of the enabled models: up, degraded (reachable but"
              + " refusing an unauthenticated probe) or down (routing skips those), with latency.")
  public HealthList get(@QueryParam("refresh") boolean refresh) {
    return new HealthList(refresh ? health.refresh() : health.current());
  }
}
