package io.switchboard.skill.catalog.rest;

import io.switchboard.defaults.problem.ProblemException;
import io.switchboard.defaults.security.Roles;
import io.switchboard.skill.catalog.SkillCatalog;
import io.switchboard.skill.catalog.rest.SkillDtos.SkillDetail;
import io.switchboard.skill.catalog.rest.SkillDtos.SkillList;
import io.switchboard.skill.catalog.rest.SkillDtos.SkillSummary;
import io.switchboard.skill.catalog.rest.SkillDtos.ToolList;
import io.switchboard.skill.mcp.McpServerDtos.RegisterRequest;
import io.switchboard.skill.mcp.McpServerService;
import io.switchboard.skill.tool.Skill;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The skill catalog: built-in skills and registered MCP servers, with their tools. */
@Path("/api/skills")
@Tag(name = "Skills")
@Produces(MediaType.APPLICATION_JSON)
public class SkillResource {

  private final SkillCatalog catalog;
  private final McpServerService servers;
  private final JsonWebToken jwt;

  public SkillResource(SkillCatalog catalog, McpServerService servers, JsonWebToken jwt) {
    this.catalog = catalog;
    this.servers = servers;
    this.jwt = jwt;
  }

  @GET
  @RolesAllowed(Roles.USER)
  @Operation(summary = "All skills, built-in first, then MCP servers")
  public SkillList list() {
    return new SkillList(
        catalog.all().stream()
            .map(
                s ->
                    new SkillSummary(
                        s.id(),
                        s.name(),
                        s.description(),
                        s.source(),
                        s.enabled(),
                        s.tools().size(),
                        s.status()))
            .toList());
  }

  @GET
  @Path("/tools/all")
  @RolesAllowed(Roles.USER)
  @Operation(
      summary = "Every tool of every enabled skill",
      description =
          "Names are <skillId>__<tool>: skill ids never contain '_', so the first '__'"
              + " splits them.")
  public ToolList tools() {
    return ToolList.of(catalog.all());
  }

  @GET
  @Path("/{id}")
  @RolesAllowed(Roles.USER)
  @Operation(summary = "A skill with its tools, their input schemas and default permissions")
  public SkillDetail get(@PathParam("id") String id) {
    Skill skill = catalog.get(id);
    return SkillDetail.of(skill, skill.status());
  }

  @POST
  @RolesAllowed(Roles.ADMIN)
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Register an MCP server (admin)",
      description =
          "201 with the skill (status connecting); it connects in the background. 409"
              + " name_taken; 400 for a stdio server without command or an http one without an"
              + " http(s) url.")
  public Response register(@Valid @NotNull RegisterRequest request) {
    Set<String> builtins = new HashSet<>();
    catalog.all().stream()
        .filter(s -> !Skill.SOURCE_MCP.equals(s.source()))
        .forEach(s -> builtins.add(s.id()));
    String id = servers.register(UUID.fromString(jwt.getSubject()), request, builtins);
    Skill skill = catalog.get(id);
    return Response.created(URI.create("/api/skills/" + id))
        .entity(SkillDetail.of(skill, skill.status()))
        .build();
  }

  @DELETE
  @Path("/{id}")
  @RolesAllowed(Roles.ADMIN)
  @Operation(summary = "Remove a registered MCP server (admin); 409 builtin_skill for built-ins")
  public Response delete(@PathParam("id") String id) {
    refuseBuiltin(id);
    servers.delete(id);
    return Response.noContent().build();
  }

  @POST
  @Path("/{id}/enable")
  @RolesAllowed(Roles.ADMIN)
  @Operation(summary = "Enable a registered MCP server (admin)")
  public SkillDetail enable(@PathParam("id") String id) {
    return setEnabled(id, true);
  }

  @POST
  @Path("/{id}/disable")
  @RolesAllowed(Roles.ADMIN)
  @Operation(summary = "Disable a registered MCP server (admin): disconnected, calls 409")
  public SkillDetail disable(@PathParam("id") String id) {
    return setEnabled(id, false);
  }

  private SkillDetail setEnabled(String id, boolean enabled) {
    refuseBuiltin(id);
    servers.setEnabled(id, enabled);
    Skill skill = catalog.get(id);
    return SkillDetail.of(skill, skill.status());
  }

  private void refuseBuiltin(String id) {
    if (catalog.isBuiltin(id)) {
      throw ProblemException.of(
          409, "builtin_skill", "Built-in skill", "Built-in skills cannot be removed or disabled");
    }
  }
}
