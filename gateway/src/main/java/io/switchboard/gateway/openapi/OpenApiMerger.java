package io.switchboard.gateway.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Merges the services' OpenAPI documents into one: their public paths, schemas, security schemes
 * and tags. Paths under {@code /internal} and {@code /health} stay out (never routed, or each
 * service's own probes). On a name clash the first service's definition wins.
 */
public final class OpenApiMerger {

  /** The extension listing the services whose documents could not be fetched. */
  public static final String MISSING = "x-switchboard-missing";

  private static final String DEFAULT_VERSION = "3.1.0";
  private static final List<String> COMPONENT_KINDS = List.of("schemas", "securitySchemes");

  private OpenApiMerger() {}

  /**
   * @param documents each reachable service's document, by service name, in a stable order
   * @param missing the names of the services that could not be asked
   * @param apiVersion the version the merged document announces
   */
  public static ObjectNode merge(
      Map<String, JsonNode> documents, List<String> missing, String apiVersion) {
    JsonNodeFactory json = JsonNodeFactory.instance;
    ObjectNode merged = json.objectNode();
    merged.put("openapi", openapiVersion(documents));
    ObjectNode info = merged.putObject("info");
    info.put("title", "Switchboard API");
    info.put("version", apiVersion);
    info.put(
        "description",
        "Every public endpoint of the Switchboard services, served through the gateway.");
    merged.putArray("servers").addObject().put("url", "/");
    ArrayNode tags = json.arrayNode();
    Set<String> tagNames = new LinkedHashSet<>();
    ObjectNode paths = json.objectNode();
    ObjectNode components = json.objectNode();
    for (JsonNode document : documents.values()) {
      mergePaths(document.path("paths"), paths);
      for (String kind : COMPONENT_KINDS) {
        putAbsent(document.path("components").path(kind), components.with(kind));
      }
      for (JsonNode tag : document.path("tags")) {
        if (tagNames.add(tag.path("name").asText())) {
          tags.add(tag);
        }
      }
    }
    if (!tags.isEmpty()) {
      merged.set("tags", tags);
    }
    merged.set("paths", paths);
    merged.set("components", components);
    ArrayNode missingNames = merged.putArray(MISSING);
    missing.forEach(missingNames::add);
    return merged;
  }

  private static void mergePaths(JsonNode source, ObjectNode target) {
    Iterator<Map.Entry<String, JsonNode>> fields = source.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> path = fields.next();
      if (!isHidden(path.getKey()) && !target.has(path.getKey())) {
        target.set(path.getKey(), path.getValue());
      }
    }
  }

  private static void putAbsent(JsonNode source, ObjectNode target) {
    Iterator<Map.Entry<String, JsonNode>> fields = source.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> entry = fields.next();
      if (!target.has(entry.getKey())) {
        target.set(entry.getKey(), entry.getValue());
      }
    }
  }

  static boolean isHidden(String path) {
    return under(path, "/internal") || under(path, "/api/internal") || under(path, "/health");
  }

  private static boolean under(String path, String prefix) {
    return path.equals(prefix) || path.startsWith(prefix + "/");
  }

  private static String openapiVersion(Map<String, JsonNode> documents) {
    return documents.values().stream()
        .map(document -> document.path("openapi").asText(""))
        .filter(version -> !version.isEmpty())
        .findFirst()
        .orElse(DEFAULT_VERSION);
  }
}
