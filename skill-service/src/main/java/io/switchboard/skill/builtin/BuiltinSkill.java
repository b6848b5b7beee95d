package io.switchboard.skill.builtin;

import io.switchboard.skill.tool.Skill;

/** A skill that ships with skill-service; always enabled. */
public interface BuiltinSkill extends Skill {

  @Override
  default String source() {
    return SOURCE_BUILTIN;
  }

  @Override
  default boolean enabled() {
    return true;
  }

  @Override
  default String name() {
    return id();
  }
}
