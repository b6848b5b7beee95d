package io.switchboard.gateway.support;

/**
 * The small OpenAPI document every fake service serves: one public, one internal, one probe path.
 */
final class FakeOpenApi {

  private FakeOpenApi() {}

  static String document(String service, String publicPath) {
    String schema = schemaName(service);
    return """
    {
      "openapi": "3.1.0",
      "info": {"title": "%1$s", "version": "0.1.0"},
      "tags": [{"name": "%2$s"}, {"name": "Shared"}],
      "paths": {
        "%3$s": {"get": {"tags": ["%2$s"], "summary": "List of %1$s",
          "responses": {"200": {"description": "OK",
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/%2$s"}}}}},
          "security": [{"SecurityScheme": []}]}},
        "/internal/%1$s/secret": {"get": {"summary": "service-to-service only"}},
        "/health/ready": {"get": {"summary": "probe"}}
      },
      "components": {
        "schemas": {
          "%2$s": {"type": "object", "properties": {"id": {"type": "string"}}},
          "Problem": {"type": "object", "description": "from %1$s"}
        },
        "securitySchemes": {"SecurityScheme": {"type": "http", "scheme": "bearer", "bearerFormat": "JWT"}}
      }
    }
    """
        .formatted(service, schema, publicPath);
  }

  /** {@code agent-service} → {@code AgentServiceDto}. */
  static String schemaName(String service) {
    StringBuilder name = new StringBuilder();
    for (String part : service.split("-")) {
      name.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
    }
    return name.append("Dto").toString();
  }
}
