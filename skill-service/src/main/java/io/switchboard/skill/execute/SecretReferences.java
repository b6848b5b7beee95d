package io.switchboard.skill.execute;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code {{secret:NAME}}} references in tool arguments (in any string, at any depth), and the
 * reverse: secret values in a result or message, replaced by {@code [secret:NAME]}.
 */
public final class SecretReferences {

  public static final Pattern REFERENCE = Pattern.compile("\\{\\{secret:([A-Za-z0-9_.-]{1,100})}}");

  private SecretReferences() {}

  /** The names referenced in {@code arguments}, in order of appearance. */
  public static Set<String> names(JsonNode arguments) {
    Set<String> names = new LinkedHashSet<>();
    map(
        arguments,
        text -> {
          Matcher m = REFERENCE.matcher(text);
          while (m.find()) {
            names.add(m.group(1));
          }
          return text;
        });
    return names;
  }

  /** {@code arguments} with every reference replaced by its value. */
  public static JsonNode resolve(JsonNode arguments, Map<String, String> values) {
    return map(
        arguments,
        text ->
            REFERENCE
                .matcher(text)
                .replaceAll(m -> Matcher.quoteReplacement(values.get(m.group(1)))));
  }

  /** {@code node} with every secret value replaced by {@code [secret:NAME]}. */
  public static JsonNode scrub(JsonNode node, Map<String, String> values) {
    return values.isEmpty() ? node : map(node, text -> scrub(text, values));
  }

  public static String scrub(String text, Map<String, String> values) {
    if (text == null) {
      return null;
    }
    String scrubbed = text;
    for (Map.Entry<String, String> secret : values.entrySet()) {
      if (!secret.getValue().isEmpty()) {
        scrubbed = scrubbed.replace(secret.getValue(), "[secret:" + secret.getKey() + "]");
      }
    }
    return scrubbed;
  }

  private static JsonNode map(JsonNode node, UnaryOperator<String> text) {
    if (node == null) {
      return null;
    }
    if (node.isTextual()) {
      return TextNode.valueOf(text.apply(node.textValue()));
    }
    if (node.isArray()) {
      ArrayNode copy = JsonNodeFactory.instance.arrayNode();
      node.forEach(item -> copy.add(map(item, text)));
      return copy;
    }
    if (node.isObject()) {
      ObjectNode copy = JsonNodeFactory.instance.objectNode();
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> field = it.next();
        copy.set(text.apply(field.getKey()), map(field.getValue(), text));
      }
      return copy;
    }
    return node;
  }
}
