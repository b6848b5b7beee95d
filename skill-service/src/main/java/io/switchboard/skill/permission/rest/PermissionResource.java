package io.switchboard.skill.permission.rest;

import io.switchboard.defaults.security.Roles;
import io.switchboard.skill.permission.PermissionDtos.OverrideList;
import io.switchboard.skill.permission.PermissionDtos.OverrideRequest;
import io.switchboard.skill.permission.PermissionDtos.OverrideView;
import io.switchboard.skill.permission.PermissionService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The caller's own permission overrides. */
@Path("/api/skills/permissions")
@Tag(name = "Skills")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.USER)
public class PermissionResource {

  private final PermissionService permissions;
  private final JsonWebToken jwt;

  public PermissionResource(PermissionService permissions, JsonWebToken jwt) {
    this.permissions = permissions;
    this.jwt = jwt;
  }

  private UUID user() {
    return UUID.fromString(jwt.getSubject());
  }

  @GET
  @Operation(summary = "The caller's overrides (expired ones are left out)")
  public OverrideList list() {
    return new OverrideList(permissions.list(user()).stream().map(OverrideView::of).toList());
  }

  @PUT
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Set the caller's level for a skill's action (a tool name, or * for all)",
      description =
          "400 validation_failed for a level other than allow/ask/deny or a past"
              + " expiresAt; 404 for an unknown skill or tool.")
  public OverrideView put(@Valid @NotNull OverrideRequest request) {
    return OverrideView.of(permissions.put(user(), request));
  }

  @DELETE
  @Path("/{skillId}/{action}")
  @Operation(summary = "Remove the caller's override: back to the default; 404 when none")
  public Response delete(@PathParam("skillId") String skillId, @PathParam("action") String action) {
    permissions.delete(user(), skillId, action);
    return Response.noContent().build();
  }
}
