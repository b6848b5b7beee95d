package io.switchboard.skill.tool;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A tool of a skill as the catalog shows it.
 *
 * @param name unique within its skill
 * @param description for people and models
 * @param inputSchema JSON Schema of the arguments object
 * @param defaultPermission the level when the user has no override
 */
public record ToolSpec(
    String name, String description, JsonNode inputSchema, PermissionLevel defaultPermission) {}
