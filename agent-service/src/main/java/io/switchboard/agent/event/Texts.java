package io.switchboard.agent.event;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.List;

/**
 * PostgreSQL stores no NUL character (in {@code text} or {@code jsonb}). Requests are refused when
 * they carry one; what other services send (model answers, tool results) is cleaned here.
 */
public final class Texts {

  private Texts() {}

  public static String clean(String text) {
    return text == null || text.indexOf('\u0000') < 0 ? text : text.replace("\u0000", "");
  }

  /** The node with NUL removed from every string and field name (cleaned in place). */
  public static JsonNode clean(JsonNode node) {
    if (node == null) {
      return null;
    }
    if (node.isTextual()) {
      String text = node.asText();
      return text.indexOf('\u0000') < 0 ? node : TextNode.valueOf(clean(text));
    }
    if (node instanceof ArrayNode array) {
      for (int i = 0; i < array.size(); i++) {
        array.set(i, clean(array.get(i)));
      }
    } else if (node instanceof ObjectNode object) {
      List<String> names = new ArrayList<>();
      object.fieldNames().forEachRemaining(names::add);
      for (String name : names) {
        JsonNode value = clean(object.get(name));
        if (name.indexOf('\u0000') >= 0) {
          object.remove(name);
        }
        object.set(clean(name), value);
      }
    }
    return node;
  }
}
