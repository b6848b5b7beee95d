package io.switchboard.pipeline.template.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code {{input.KEY}}} and {@code {{stages.NAME.output}}} references in stage texts: found,
 * checked and rendered here, once.
 */
public final class References {

  private static final Pattern REFERENCE = Pattern.compile("\\{\\{(.*?)}}");
  private static final Pattern INPUT = Pattern.compile("\\s*input\\.([A-Za-z0-9_-]{1,100})\\s*");
  private static final Pattern STAGE =
      Pattern.compile("\\s*stages\\.([a-z0-9_-]{1,64})\\.output\\s*");

  private References() {}

  /** A reference: {@code input} with the key, or {@code stage} with the stage name. */
  public record Reference(boolean input, String key) {}

  /** The references in a text; {@code null} entries for expressions that are no reference. */
  public static List<Reference> in(String text) {
    List<Reference> found = new ArrayList<>();
    Matcher m = REFERENCE.matcher(text);
    while (m.find()) {
      Matcher input = INPUT.matcher(m.group(1));
      Matcher stage = STAGE.matcher(m.group(1));
      if (input.matches()) {
        found.add(new Reference(true, input.group(1)));
      } else if (stage.matches()) {
        found.add(new Reference(false, stage.group(1)));
      } else {
        found.add(null);
      }
    }
    return found;
  }

  /** Every string inside {@code node} (itself, array items, object values, recursively). */
  public static void strings(JsonNode node, Consumer<String> each) {
    if (node == null) {
      return;
    }
    if (node.isTextual()) {
      each.accept(node.asText());
    } else if (node.isContainerNode()) {
      node.forEach(child -> strings(child, each));
    }
  }

  /** The text with its references replaced: input values (text as is, else JSON) and outputs. */
  public static String render(String text, JsonNode input, Map<String, String> outputs) {
    Matcher m = REFERENCE.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      Matcher in = INPUT.matcher(m.group(1));
      Matcher stage = STAGE.matcher(m.group(1));
      String value = m.group();
      if (in.matches()) {
        JsonNode v = input.get(in.group(1));
        value = v == null || v.isNull() ? "" : v.isTextual() ? v.asText() : v.toString();
      } else if (stage.matches()) {
        value = outputs.getOrDefault(stage.group(1), "");
      }
      m.appendReplacement(out, Matcher.quoteReplacement(value));
    }
    m.appendTail(out);
    return out.toString();
  }

  /** A copy of {@code node} with every string rendered. */
  public static JsonNode renderAll(JsonNode node, JsonNode input, Map<String, String> outputs) {
    if (node == null) {
      return null;
    }
    if (node.isTextual()) {
      return TextNode.valueOf(render(node.asText(), input, outputs));
    }
    if (node.isArray()) {
      ArrayNode copy = ((ArrayNode) node).arrayNode();
      node.forEach(child -> copy.add(renderAll(child, input, outputs)));
      return copy;
    }
    if (node.isObject()) {
      ObjectNode copy = ((ObjectNode) node).objectNode();
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        copy.set(e.getKey(), renderAll(e.getValue(), input, outputs));
      }
      return copy;
    }
    return node;
  }
}
