package io.switchboard.skill.tool;

import java.util.UUID;

/**
 * Who calls a tool.
 *
 * @param userId the user the call runs for
 * @param userBearer the user's own access token when the user called the public API, or {@code
 *     null} for calls made by another service on the user's behalf
 */
public record ToolContext(UUID userId, String userBearer) {}
