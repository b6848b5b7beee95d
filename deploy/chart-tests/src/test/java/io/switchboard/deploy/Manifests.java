package io.switchboard.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The documents of a rendered multi-document YAML stream, searchable by kind and name. */
final class Manifests {

  static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private final List<JsonNode> documents;

  private Manifests(List<JsonNode> documents) {
    this.documents = documents;
  }

  static Manifests parse(String yaml) {
    List<JsonNode> documents = new ArrayList<>();
    try (var parser = YAML.getFactory().createParser(yaml)) {
      var values = YAML.readValues(parser, JsonNode.class);
      while (values.hasNext()) {
        JsonNode node = values.next();
        if (node != null && !node.isNull() && !node.isEmpty()) {
          documents.add(node);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Rendered manifests are not valid YAML", e);
    }
    return new Manifests(documents);
  }

  List<JsonNode> all() {
    return documents;
  }

  List<JsonNode> ofKind(String kind) {
    return documents.stream().filter(d -> kind.equals(d.path("kind").asText())).toList();
  }

  Optional<JsonNode> find(String kind, String name) {
    return ofKind(kind).stream()
        .filter(d -> name.equals(d.path("metadata").path("name").asText()))
        .findFirst();
  }

  JsonNode get(String kind, String name) {
    return find(kind, name)
        .orElseThrow(() -> new AssertionError("No " + kind + " named " + name + " rendered"));
  }

  /** The value of env var {@code name} in the ConfigMap of {@code workload}, or null. */
  String config(String workload, String name) {
    JsonNode value = get("ConfigMap", workload).path("data").path(name);
    return value.isMissingNode() ? null : value.asText();
  }
}
