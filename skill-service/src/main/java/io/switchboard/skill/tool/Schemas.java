package io.switchboard.skill.tool;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** JSON Schemas of the built-in tools, written as JSON text. */
public final class Schemas {

  private static final ObjectMapper JSON = new ObjectMapper();

  private Schemas() {}

  public static JsonNode parse(String schema) {
    try {
      return JSON.readTree(schema);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("Invalid built-in schema", e);
    }
  }
}
