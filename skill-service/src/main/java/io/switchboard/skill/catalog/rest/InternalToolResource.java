package io.switchboard.skill.catalog.rest;

import io.switchboard.defaults.security.Roles;
import io.switchboard.skill.catalog.SkillCatalog;
import io.switchboard.skill.catalog.rest.SkillDtos.ToolList;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * For work that runs without a user request (an agent spawned by a pipeline or a hook): the same
 * tool list as {@code GET /api/skills/tools/all}, for a service token. Tools are the same for every
 * user; whether a user may run one is the permission check's business.
 */
@Path("/internal/tools")
@Tag(name = "Internal")
@Produces(MediaType.APPLICATION_JSON)
public class InternalToolResource {

  private final SkillCatalog catalog;

  public InternalToolResource(SkillCatalog catalog) {
    this.catalog = catalog;
  }

  @GET
  @RolesAllowed(Roles.SERVICE)
  @Operation(summary = "Every tool of every enabled skill (service tokens only)")
  public ToolList tools() {
    return ToolList.of(catalog.all());
  }
}
