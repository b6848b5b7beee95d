package io.switchboard.agent.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.UUID;

/** skill-service's contracts used by the agent loop. */
public final class SkillDtos {

  private SkillDtos() {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  public record ToolDef(
      String name, String description, JsonNode inputSchema, String skillId, String source) {

    /**
     * The skill's own name for this tool (its permission action): {@code time__now} → {@code now}.
     */
    public String action() {
      return actionOf(skillId, name);
    }
  }

  /**
   * skill-service names tools {@code <skillId>__<tool>} in its combined list, but checks and runs
   * them by the tool's own name.
   */
  public static String actionOf(String skillId, String combinedName) {
    String prefix = skillId + "__";
    return combinedName != null && combinedName.startsWith(prefix)
        ? combinedName.substring(prefix.length())
        : combinedName;
  }

  @JsonIgnoreProperties(ignoreUnknown = true)
  public record ToolList(List<ToolDef> tools) {}

  public record PermissionCheck(UUID userId, String skillId, String action) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  public record PermissionAnswer(String level, String source, String reason) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  /**
   * {@code approvedByCaller}: the user approved exactly this call through agent-service's own
   * approval, so skill-service does not ask again (a {@code deny} still refuses).
   */
  public record ExecuteRequest(
      UUID userId, String skillId, String tool, JsonNode arguments, Boolean approvedByCaller) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  public record ExecuteResult(
      JsonNode result, @JsonProperty("isError") boolean isError, long durationMs) {}

  public record ResolveRequest(UUID userId, boolean approved, boolean remember) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record PermissionOverride(String skillId, String action, String level, String reason) {}

  /** One of skill-service's pending approvals ({@code GET /internal/approvals?userId=}). */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record PendingApproval(
      UUID requestId,
      String skillId,
      String tool,
      JsonNode arguments,
      String summary,
      String requestedBy,
      java.time.Instant createdAt,
      java.time.Instant expiresAt) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  public record PendingList(List<PendingApproval> approvals) {}
}
