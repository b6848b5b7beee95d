package io.switchboard.auth.keycloak.rest;

import io.switchboard.auth.keycloak.KeycloakConfig;
import io.switchboard.auth.keycloak.rest.OidcDtos.Status;
import io.switchboard.auth.keycloak.rest.OidcDtos.SyncOutcome;
import io.switchboard.auth.keycloak.service.KeycloakSync;
import io.switchboard.auth.keycloak.service.SyncQueue;
import io.switchboard.defaults.problem.Problem;
import io.switchboard.defaults.problem.ProblemException;
import io.switchboard.defaults.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Federation state and the resync that repairs drift (admins only). */
@Path("/api/admin/identity/keycloak")
@Tag(name = "Admin")
@Produces(MediaType.APPLICATION_JSON)
public class KeycloakAdminResource {

  private final KeycloakConfig config;
  private final KeycloakSync sync;
  private final SyncQueue queue;

  public KeycloakAdminResource(KeycloakConfig config, KeycloakSync sync, SyncQueue queue) {
    this.config = config;
    this.sync = sync;
    this.queue = queue;
  }

  @GET
  @RolesAllowed(Roles.ADMIN)
  @Operation(summary = "Whether federation is on, and how many accounts still owe the realm a sync")
  public Status status() {
    return new Status(
        config.enabled(),
        config.enabled() ? config.expectedIssuer() : null,
        sync.active(),
        sync.active() ? queue.pending() : 0,
        config.mapping().matchBy());
  }

  @POST
  @Path("/resync")
  @RolesAllowed(Roles.ADMIN)
  @Operation(
      summary = "Sync every account registered here to the realm now",
      description =
          "Creates missing realm users, restores e-mail and managed realm roles, deletes realm"
              + " users of deleted accounts. Accounts that fail stay owed and are retried later.")
  @APIResponse(
      responseCode = "409",
      description = "keycloak_sync_inactive: federation, sync or admin credentials not configured",
      content = @Content(mediaType = Problem.MEDIA_TYPE))
  public SyncOutcome resync() {
    if (!sync.active()) {
      throw ProblemException.of(
          409,
          "keycloak_sync_inactive",
          "Sync inactive",
          "Keycloak federation, its sync or the admin credentials are not configured");
    }
    KeycloakSync.Outcome outcome = sync.resync();
    return new SyncOutcome(outcome.synced(), outcome.failed(), outcome.pending());
  }
}
