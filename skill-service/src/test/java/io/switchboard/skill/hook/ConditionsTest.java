package io.switchboard.skill.hook;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class ConditionsTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonNode DATA =
      json(
          "{\"status\":\"error\",\"agent\":{\"id\":\"a1\",\"tags\":[\"x\",\"y\"]},\"n\":3,"
              + "\"text\":\"disk full on host\",\"a/b\":1}");

  private static JsonNode json(String text) {
    try {
      return JSON.readTree(text);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private static boolean match(String conditions) {
    return Conditions.match(json(conditions), DATA);
  }

  @Test
  void shouldMatchEveryOperator() {
    assertTrue(match("[{\"field\":\"status\",\"op\":\"eq\",\"value\":\"error\"}]"));
    assertFalse(match("[{\"field\":\"status\",\"op\":\"eq\",\"value\":\"idle\"}]"));
    assertTrue(match("[{\"field\":\"/agent/id\",\"op\":\"eq\",\"value\":\"a1\"}]"));
    assertTrue(match("[{\"field\":\"agent.id\",\"op\":\"ne\",\"value\":\"a2\"}]"));
    assertTrue(match("[{\"field\":\"missing\",\"op\":\"ne\",\"value\":\"a2\"}]"));
    assertTrue(match("[{\"field\":\"n\",\"op\":\"eq\",\"value\":3.0}]"));
    assertTrue(match("[{\"field\":\"n\",\"op\":\"in\",\"value\":[1,2,3]}]"));
    assertFalse(match("[{\"field\":\"status\",\"op\":\"in\",\"value\":[\"idle\"]}]"));
    assertTrue(match("[{\"field\":\"text\",\"op\":\"contains\",\"value\":\"full\"}]"));
    assertTrue(match("[{\"field\":\"agent.tags\",\"op\":\"contains\",\"value\":\"y\"}]"));
    assertFalse(match("[{\"field\":\"agent.tags\",\"op\":\"contains\",\"value\":\"z\"}]"));
    assertTrue(match("[{\"field\":\"agent\",\"op\":\"exists\"}]"));
    assertFalse(match("[{\"field\":\"nope\",\"op\":\"exists\"}]"));
    assertTrue(match("[{\"field\":\"nope\",\"op\":\"exists\",\"value\":false}]"));
    assertTrue(match("[{\"field\":\"/a~1b\",\"op\":\"eq\",\"value\":1}]"));
    assertTrue(match("[]"));
  }

  @Test
  void shouldRequireAllConditions() {
    assertFalse(
        match(
            "[{\"field\":\"status\",\"op\":\"eq\",\"value\":\"error\"},"
                + "{\"field\":\"n\",\"op\":\"eq\",\"value\":4}]"));
  }

  @Test
  void shouldNameTheBadPartOfAMalformedList() {
    assertNull(Conditions.problem(json("[{\"field\":\"x\",\"op\":\"exists\"}]")));
    assertArrayEquals(
        new String[] {"conditions[0].op", "must be one of eq, ne, contains, in, exists"},
        Conditions.problem(json("[{\"field\":\"x\",\"op\":\"like\",\"value\":1}]")));
    assertArrayEquals(
        new String[] {"conditions[1].field", "must be a JSON pointer or a dotted path"},
        Conditions.problem(
            json("[{\"field\":\"x\",\"op\":\"exists\"},{\"field\":\" \",\"op\":\"exists\"}]")));
  }
}
