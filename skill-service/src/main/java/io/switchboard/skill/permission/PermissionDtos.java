package io.switchboard.skill.permission;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.validation.constraints.Future;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The bodies of permissions, public and internal. */
public final class PermissionDtos {

  public static final String LEVEL_PATTERN = "allow|ask|deny";
  public static final String LEVEL_MESSAGE = "must be allow, ask or deny";

  private PermissionDtos() {}

  @Schema(name = "PermissionOverrideRequest")
  public record OverrideRequest(
      @NotNull @Size(min = 1, max = 40) String skillId,
      @Schema(description = "A tool name of the skill, or * for all its tools")
          @NotNull @Size(min = 1, max = 200) String action,
      @NotNull @Pattern(regexp = LEVEL_PATTERN, message = LEVEL_MESSAGE) String level,
      @Size(max = 500) String reason,
      @Future Instant expiresAt) {}

  @Schema(name = "PermissionOverride")
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record OverrideView(
      String skillId, String action, String level, String reason, Instant expiresAt) {

    public static OverrideView of(PermissionOverride o) {
      return new OverrideView(o.skillId, o.action, o.level, o.reason, o.expiresAt);
    }
  }

  @Schema(name = "PermissionOverrideList")
  public record OverrideList(List<OverrideView> permissions) {}

  @Schema(name = "PermissionCheckRequest")
  public record CheckRequest(
      @NotNull UUID userId,
      @NotNull @Size(min = 1, max = 40) String skillId,
      @NotNull @Size(min = 1, max = 200) String action) {}

  @Schema(name = "PermissionDecision")
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Decision(
      @Schema(enumeration = {"allow", "ask", "deny"}) String level,
      @Schema(enumeration = {"override", "default"}) String source,
      String reason) {}
}
