package io.switchboard.skill.permission.rest;

import io.switchboard.defaults.security.Roles;
import io.switchboard.skill.permission.PermissionDtos.CheckRequest;
import io.switchboard.skill.permission.PermissionDtos.Decision;
import io.switchboard.skill.permission.PermissionService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** For agent-service's loop: a user's level for one tool. */
@Path("/internal/permissions/check")
@Tag(name = "Internal")
@Produces(MediaType.APPLICATION_JSON)
public class InternalPermissionResource {

  private final PermissionService permissions;

  public InternalPermissionResource(PermissionService permissions) {
    this.permissions = permissions;
  }

  @POST
  @RolesAllowed(Roles.SERVICE)
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "The user's level for skillId/action (service tokens only)",
      description = "{level, source: override|default, reason?}; 404 unknown skill or tool.")
  public Decision check(@Valid @NotNull CheckRequest request) {
    return permissions.check(request.userId(), request.skillId(), request.action());
  }
}
