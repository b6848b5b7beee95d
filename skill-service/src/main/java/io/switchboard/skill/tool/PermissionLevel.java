package io.switchboard.skill.tool;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** What happens when a user's call reaches a tool: run it, ask the user first, or refuse. */
public enum PermissionLevel {
  ALLOW,
  ASK,
  DENY;

  @JsonValue
  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The level named on the wire ({@code allow}, {@code ask}, {@code deny}), or {@code null}. */
  @JsonCreator
  public static PermissionLevel fromWire(String value) {
    if (value == null) {
      return null;
    }
    for (PermissionLevel level : values()) {
      if (level.wire().equals(value)) {
        return level;
      }
    }
    return null;
  }
}
