package io.switchboard.gateway.openapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OpenApiMergerTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static JsonNode doc(String json) throws Exception {
    return JSON.readTree(json);
  }

  @Test
  void shouldMergePathsSchemasAndSchemesFirstDefinitionWinning() throws Exception {
    Map<String, JsonNode> docs = new LinkedHashMap<>();
    docs.put(
        "auth-service",
        doc(
            """
            {"openapi":"3.0.3","paths":{"/api/auth/me":{"get":{}},"/internal/link-codes":{"post":{}}},
             "components":{"schemas":{"User":{"type":"object"},"Problem":{"description":"auth"}},
               "securitySchemes":{"SecurityScheme":{"type":"http"}}},
             "tags":[{"name":"Auth"}]}
            """));
    docs.put(
        "agent-service",
        doc(
            """
            {"openapi":"3.1.0","paths":{"/api/agents":{"get":{}},"/health/ready":{"get":{}},
              "/api/internal/x":{"get":{}}},
             "components":{"schemas":{"Agent":{},"Problem":{"description":"agent"}}},
             "tags":[{"name":"Agents"},{"name":"Auth"}]}
            """));
    ObjectNode merged = OpenApiMerger.merge(docs, List.of("vault-service"), "0.1.0");

    assertEquals("3.0.3", merged.path("openapi").asText());
    assertEquals("Switchboard API", merged.path("info").path("title").asText());
    assertEquals("0.1.0", merged.path("info").path("version").asText());
    assertEquals("/", merged.path("servers").path(0).path("url").asText());
    assertTrue(merged.path("paths").has("/api/auth/me"));
    assertTrue(merged.path("paths").has("/api/agents"));
    assertFalse(merged.path("paths").has("/internal/link-codes"));
    assertFalse(merged.path("paths").has("/api/internal/x"));
    assertFalse(merged.path("paths").has("/health/ready"));
    JsonNode schemas = merged.path("components").path("schemas");
    assertTrue(schemas.has("User") && schemas.has("Agent"));
    assertEquals("auth", schemas.path("Problem").path("description").asText());
    assertTrue(merged.path("components").path("securitySchemes").has("SecurityScheme"));
    assertEquals(2, merged.path("tags").size());
    assertEquals("vault-service", merged.path(OpenApiMerger.MISSING).path(0).asText());
  }

  @Test
  void shouldProduceAValidEmptyDocumentWhenNoServiceAnswered() {
    ObjectNode merged =
        OpenApiMerger.merge(Map.of(), List.of("auth-service", "agent-service"), "0.1.0");
    assertEquals("3.1.0", merged.path("openapi").asText());
    assertEquals(0, merged.path("paths").size());
    assertEquals(2, merged.path(OpenApiMerger.MISSING).size());
  }

  @Test
  void shouldHideOnlyWholeInternalAndHealthSegments() {
    assertTrue(OpenApiMerger.isHidden("/internal"));
    assertTrue(OpenApiMerger.isHidden("/health/detailed"));
    assertFalse(OpenApiMerger.isHidden("/internalize"));
    assertFalse(OpenApiMerger.isHidden("/api/models/health"));
  }
}
