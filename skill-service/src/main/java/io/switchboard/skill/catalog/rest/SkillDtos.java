package io.switchboard.skill.catalog.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.skill.catalog.SkillCatalog;
import io.switchboard.skill.tool.PermissionLevel;
import io.switchboard.skill.tool.Skill;
import io.switchboard.skill.tool.ToolSpec;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The bodies of the skill catalog. */
public final class SkillDtos {

  private SkillDtos() {}

  @Schema(name = "SkillSummary")
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record SkillSummary(
      String id,
      String name,
      String description,
      @Schema(enumeration = {"builtin", "mcp"}) String source,
      boolean enabled,
      int toolCount,
      @Schema(description = "MCP servers: connected, connecting, failed or disabled")
          String status) {}

  @Schema(name = "SkillList")
  public record SkillList(List<SkillSummary> skills) {}

  @Schema(name = "Tool")
  public record ToolView(
      String name, String description, JsonNode inputSchema, PermissionLevel defaultPermission) {

    static ToolView of(ToolSpec t) {
      return new ToolView(t.name(), t.description(), t.inputSchema(), t.defaultPermission());
    }
  }

  @Schema(name = "SkillDetail")
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record SkillDetail(
      String id,
      String name,
      String description,
      String source,
      boolean enabled,
      String status,
      List<ToolView> tools,
      @Schema(description = "The default permission level per action (tool name)")
          Map<String, PermissionLevel> defaultPermissions) {

    public static SkillDetail of(Skill skill, String status) {
      List<ToolSpec> tools = skill.tools();
      Map<String, PermissionLevel> defaults = new LinkedHashMap<>();
      tools.forEach(t -> defaults.put(t.name(), t.defaultPermission()));
      return new SkillDetail(
          skill.id(),
          skill.name(),
          skill.description(),
          skill.source(),
          skill.enabled(),
          status,
          tools.stream().map(ToolView::of).toList(),
          defaults);
    }
  }

  @Schema(name = "CombinedTool")
  public record CombinedTool(
      @Schema(description = "Unambiguous: <skillId>__<tool>", example = "time__now") String name,
      String tool,
      String description,
      JsonNode inputSchema,
      String skillId,
      String source,
      PermissionLevel defaultPermission) {

    static CombinedTool of(Skill skill, ToolSpec t) {
      return new CombinedTool(
          skill.id() + SkillCatalog.SEPARATOR + t.name(),
          t.name(),
          t.description(),
          t.inputSchema(),
          skill.id(),
          skill.source(),
          t.defaultPermission());
    }
  }

  @Schema(name = "CombinedToolList")
  public record ToolList(List<CombinedTool> tools) {

    /** Every tool of every enabled skill, named {@code <skillId>__<tool>}. */
    public static ToolList of(Collection<Skill> skills) {
      List<CombinedTool> tools = new ArrayList<>();
      for (Skill skill : skills) {
        if (skill.enabled()) {
          skill.tools().forEach(t -> tools.add(CombinedTool.of(skill, t)));
        }
      }
      return new ToolList(tools);
    }
  }
}
