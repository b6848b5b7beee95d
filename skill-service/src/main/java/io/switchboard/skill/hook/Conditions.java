package io.switchboard.skill.hook;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Set;

/**
 * Hook conditions: a list of {@code {field, op, value?}}, all of which must hold. {@code field} is
 * a JSON pointer ({@code /agent/status}) or a dotted path ({@code agent.status}) into the event's
 * {@code data}; ops {@code eq ne contains in exists}.
 */
public final class Conditions {

  public static final Set<String> OPS = Set.of("eq", "ne", "contains", "in", "exists");

  private Conditions() {}

  /** Why the conditions are malformed ({@code field} suffix and message), or {@code null}. */
  public static String[] problem(JsonNode conditions) {
    if (conditions == null || conditions.isNull()) {
      return null;
    }
    if (!conditions.isArray()) {
      return new String[] {"conditions", "must be a list"};
    }
    if (conditions.size() > 20) {
      return new String[] {"conditions", "at most 20 conditions"};
    }
    for (int i = 0; i < conditions.size(); i++) {
      JsonNode c = conditions.get(i);
      String at = "conditions[" + i + "]";
      if (!c.isObject()) {
        return new String[] {at, "must be an object {field, op, value?}"};
      }
      JsonNode field = c.get("field");
      if (field == null || !field.isTextual() || field.asText().isBlank()) {
        return new String[] {at + ".field", "must be a JSON pointer or a dotted path"};
      }
      if (field.asText().startsWith("/")) {
        try {
          JsonPointer.compile(field.asText());
        } catch (IllegalArgumentException e) {
          return new String[] {at + ".field", "is not a valid JSON pointer"};
        }
      }
      String op = c.path("op").asText("");
      if (!OPS.contains(op)) {
        return new String[] {at + ".op", "must be one of eq, ne, contains, in, exists"};
      }
      if (!op.equals("exists") && !c.has("value")) {
        return new String[] {at + ".value", "is required for op " + op};
      }
      if (op.equals("in") && !c.get("value").isArray()) {
        return new String[] {at + ".value", "must be a list for op in"};
      }
    }
    return null;
  }

  /** Whether every condition holds for {@code data} (the event's payload). */
  public static boolean match(JsonNode conditions, JsonNode data) {
    if (conditions == null || !conditions.isArray()) {
      return true;
    }
    for (JsonNode c : conditions) {
      if (!holds(
          c, data == null ? com.fasterxml.jackson.databind.node.MissingNode.getInstance() : data)) {
        return false;
      }
    }
    return true;
  }

  private static boolean holds(JsonNode c, JsonNode event) {
    JsonNode actual = event.at(pointer(c.path("field").asText()));
    boolean present = !actual.isMissingNode() && !actual.isNull();
    JsonNode value = c.path("value");
    return switch (c.path("op").asText()) {
      case "exists" -> present == value.asBoolean(true);
      case "eq" -> present && same(actual, value);
      case "ne" -> !present || !same(actual, value);
      case "in" -> present && contains(value, actual);
      case "contains" ->
          present
              && (actual.isArray()
                  ? contains(actual, value)
                  : actual.isTextual() && actual.asText().contains(value.asText()));
      default -> false;
    };
  }

  private static boolean contains(JsonNode list, JsonNode item) {
    for (JsonNode element : list) {
      if (same(element, item)) {
        return true;
      }
    }
    return false;
  }

  /** JSON equality, numbers by value (1 == 1.0). */
  private static boolean same(JsonNode a, JsonNode b) {
    if (a.isNumber() && b.isNumber()) {
      return a.decimalValue().compareTo(b.decimalValue()) == 0;
    }
    return a.equals(b);
  }

  static String pointer(String field) {
    if (field.startsWith("/")) {
      return field;
    }
    StringBuilder p = new StringBuilder();
    for (String part : field.split("\\.")) {
      p.append('/').append(part.replace("~", "~0").replace("/", "~1"));
    }
    return p.toString();
  }
}
