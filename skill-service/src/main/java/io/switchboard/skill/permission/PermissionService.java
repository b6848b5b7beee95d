package io.switchboard.skill.permission;

import io.switchboard.defaults.problem.ProblemException;
import io.switchboard.skill.catalog.SkillCatalog;
import io.switchboard.skill.permission.PermissionDtos.Decision;
import io.switchboard.skill.permission.PermissionDtos.OverrideRequest;
import io.switchboard.skill.tool.PermissionLevel;
import io.switchboard.skill.tool.Skill;
import io.switchboard.skill.tool.ToolSpec;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Permission levels: the user's override for the exact action wins, then the user's {@code *}
 * override of the skill, then the tool's default. Expired overrides count as absent.
 */
@ApplicationScoped
public class PermissionService {

  private final SkillCatalog catalog;

  public PermissionService(SkillCatalog catalog) {
    this.catalog = catalog;
  }

  /** The level for the user's call of {@code action}; 404 for an unknown skill or tool. */
  @Transactional
  public Decision check(UUID user, String skillId, String action) {
    Skill skill = catalog.get(skillId);
    ToolSpec tool = catalog.tool(skill, action);
    Instant now = Instant.now();
    for (String candidate : List.of(action, PermissionOverride.ALL_ACTIONS)) {
      PermissionOverride o = PermissionOverride.find(user, skillId, candidate);
      if (o != null && o.activeAt(now)) {
        return new Decision(o.level, "override", o.reason);
      }
    }
    return new Decision(tool.defaultPermission().wire(), "default", null);
  }

  @Transactional
  public List<PermissionOverride> list(UUID user) {
    Instant now = Instant.now();
    return PermissionOverride.<PermissionOverride>list("userId = ?1 order by skillId, action", user)
        .stream()
        .filter(o -> o.activeAt(now))
        .toList();
  }

  /** Creates or replaces the user's override; 404 for an unknown skill or action. */
  @Transactional
  public PermissionOverride put(UUID user, OverrideRequest request) {
    Skill skill = catalog.get(request.skillId());
    if (!PermissionOverride.ALL_ACTIONS.equals(request.action())) {
      catalog.tool(skill, request.action());
    }
    return upsert(
        user,
        request.skillId(),
        request.action(),
        PermissionLevel.fromWire(request.level()),
        request.reason(),
        request.expiresAt());
  }

  @Transactional(Transactional.TxType.MANDATORY)
  public PermissionOverride upsert(
      UUID user,
      String skillId,
      String action,
      PermissionLevel level,
      String reason,
      Instant expiresAt) {
    PermissionOverride o = PermissionOverride.find(user, skillId, action);
    if (o == null) {
      o = new PermissionOverride();
      o.id = UUID.randomUUID();
      o.userId = user;
      o.skillId = skillId;
      o.action = action;
    }
    o.level = level.wire();
    o.reason = reason;
    o.expiresAt = expiresAt;
    o.updatedAt = Instant.now();
    o.persist();
    return o;
  }

  /** Removes the user's override (back to the default); 404 when the user has none. */
  @Transactional
  public void delete(UUID user, String skillId, String action) {
    PermissionOverride o = PermissionOverride.find(user, skillId, action);
    if (o == null) {
      throw ProblemException.notFound("Permission override");
    }
    o.delete();
  }
}
