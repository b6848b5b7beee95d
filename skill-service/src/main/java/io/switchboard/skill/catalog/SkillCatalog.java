package io.switchboard.skill.catalog;

import io.switchboard.defaults.problem.ProblemException;
import io.switchboard.skill.builtin.BuiltinSkill;
import io.switchboard.skill.mcp.McpConnections;
import io.switchboard.skill.tool.Skill;
import io.switchboard.skill.tool.ToolSpec;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** All skills: the built-ins, then the registered MCP servers, by id. */
@ApplicationScoped
public class SkillCatalog {

  /** Separates skill id and tool name in {@code /api/skills/tools/all}: {@code time__now}. */
  public static final String SEPARATOR = "__";

  private final List<BuiltinSkill> builtins;
  private final McpConnections mcp;

  public SkillCatalog(Instance<BuiltinSkill> builtins, McpConnections mcp) {
    this.builtins = builtins.stream().sorted(Comparator.comparing(BuiltinSkill::id)).toList();
    this.mcp = mcp;
  }

  public List<Skill> all() {
    List<Skill> all = new ArrayList<>(builtins);
    all.addAll(mcp.skills());
    return all;
  }

  public boolean isBuiltin(String id) {
    return builtins.stream().anyMatch(b -> b.id().equals(id));
  }

  public Optional<Skill> find(String id) {
    for (Skill skill : builtins) {
      if (skill.id().equals(id)) {
        return Optional.of(skill);
      }
    }
    return mcp.find(id);
  }

  /** The skill, or 404 {@code not_found}. */
  public Skill get(String id) {
    return find(id).orElseThrow(() -> ProblemException.notFound("Skill " + id));
  }

  /** The tool of the skill, or 404 {@code not_found}. */
  public ToolSpec tool(Skill skill, String tool) {
    return skill
        .tool(tool)
        .orElseThrow(() -> ProblemException.notFound("Tool " + tool + " of skill " + skill.id()));
  }
}
