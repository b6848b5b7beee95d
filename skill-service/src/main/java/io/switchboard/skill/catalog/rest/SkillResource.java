package io.switchboard.skill.catalog.rest;

import io.switchboard.defaults.security.Roles;
import io.switchboard.skill.catalog.SkillCatalog;
import io.switchboard.skill.catalog.rest.SkillDtos.CombinedTool;
import io.switchboard.skill.catalog.rest.SkillDtos.SkillDetail;
import io.switchboard.skill.catalog.rest.SkillDtos.SkillList;
import io.switchboard.skill.catalog.rest.SkillDtos.SkillSummary;
import io.switchboard.skill.catalog.rest.SkillDtos.ToolList;
import io.switchboard.skill.tool.Skill;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The skill catalog: built-in skills and registered MCP servers, with their tools. */
@Path("/api/skills")
@Tag(name = "Skills")
@Produces(MediaType.APPLICATION_JSON)
public class SkillResource {

  private final SkillCatalog catalog;

  public SkillResource(SkillCatalog catalog) {
    this.catalog = catalog;
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
    List<CombinedTool> tools = new ArrayList<>();
    for (Skill skill : catalog.all()) {
      if (skill.enabled()) {
        skill.tools().forEach(t -> tools.add(CombinedTool.of(skill, t)));
      }
    }
    return new ToolList(tools);
  }

  @GET
  @Path("/{id}")
  @RolesAllowed(Roles.USER)
  @Operation(summary = "A skill with its tools, their input schemas and default permissions")
  public SkillDetail get(@PathParam("id") String id) {
    Skill skill = catalog.get(id);
    return SkillDetail.of(skill, skill.status());
  }
}
