package io.switchboard.skill.execute;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.UUID;

/**
 * One request to run a tool.
 *
 * @param userId the user the call runs for
 * @param userBearer the user's token on the public API, {@code null} for internal calls
 * @param skillId the skill
 * @param tool the tool of the skill
 * @param arguments as given, {@code {{secret:NAME}}} unresolved
 * @param approvalRequestId an approved approval for exactly this call, or {@code null}
 * @param requestedBy {@code user} (public API) or the calling service's name
 */
public record ToolCall(
    UUID userId,
    String userBearer,
    String skillId,
    String tool,
    JsonNode arguments,
    UUID approvalRequestId,
    String requestedBy) {}
