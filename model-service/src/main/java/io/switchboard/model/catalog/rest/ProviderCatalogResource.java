package io.switchboard.model.catalog.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.defaults.problem.ProblemException;
import io.switchboard.defaults.security.Roles;
import io.switchboard.model.config.ModelsConfig;
import io.switchboard.model.provider.ProviderException;
import io.switchboard.model.provider.ProviderKind;
import io.switchboard.model.provider.http.ProviderHttp;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** What the configured servers offer, and a maintained catalogue per provider. */
@Path("/api/models/providers")
@Tag(name = "Models")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.USER)
public class ProviderCatalogResource {

  @Schema(name = "OllamaModel")
  public record OllamaModel(String name, long size, String modifiedAt) {}

  @Schema(name = "OllamaModelList")
  public record OllamaModels(List<OllamaModel> models) {}

  @Schema(name = "LitellmModel")
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record LitellmModel(String id, String ownedBy) {}

  @Schema(name = "LitellmModelList")
  public record LitellmModels(List<LitellmModel> models) {}

  @Schema(name = "KnownModels")
  public record Known(String provider, List<String> models) {}

  private final ProviderHttp http;
  private final ModelsConfig.Servers servers;

  public ProviderCatalogResource(ProviderHttp http, ModelsConfig config) {
    this.http = http;
    this.servers = config.servers();
  }

  @GET
  @Path("/ollama/models")
  @Operation(
      summary = "Models on the configured Ollama server",
      description = "502 provider_unreachable when it is down.")
  @APIResponse(responseCode = "200", description = "The server's models")
  @APIResponse(responseCode = "502", description = "provider_unreachable: the server is down")
  public OllamaModels ollama() {
    JsonNode tags = fetch(servers.ollamaUrl() + "/api/tags", Map.of(), "Ollama");
    List<OllamaModel> list = new ArrayList<>();
    for (JsonNode m : tags.path("models")) {
      list.add(
          new OllamaModel(
              m.path("name").asText(),
              m.path("size").asLong(),
              m.path("modified_at").asText(null)));
    }
    return new OllamaModels(list);
  }

  @GET
  @Path("/litellm/models")
  @Operation(
      summary = "Models of the configured LiteLLM proxy",
      description = "502 provider_unreachable when it is down.")
  @APIResponse(responseCode = "200", description = "The proxy's models")
  @APIResponse(responseCode = "502", description = "provider_unreachable: the proxy is down")
  public LitellmModels litellm() {
    Map<String, String> headers =
        servers.litellmApiKey().map(k -> Map.of("Authorization", "Bearer " + k)).orElse(Map.of());
    JsonNode body = fetch(servers.litellmUrl() + "/v1/models", headers, "LiteLLM");
    List<LitellmModel> list = new ArrayList<>();
    for (JsonNode m : body.path("data")) {
      list.add(new LitellmModel(m.path("id").asText(), m.path("owned_by").asText(null)));
    }
    return new LitellmModels(list);
  }

  @GET
  @Path("/{provider}/known")
  @Operation(
      summary = "Well-known model ids of a provider",
      description = "404 for an unknown provider.")
  public Known known(@PathParam("provider") String provider) {
    ProviderKind kind =
        ProviderKind.find(provider).orElseThrow(() -> ProblemException.notFound("Provider"));
    return new Known(kind.wire(), kind.known());
  }

  private JsonNode fetch(String url, Map<String, String> headers, String what) {
    try {
      return http.getJson(url.replaceAll("(?<!:)//+", "/"), headers);
    } catch (ProviderException e) {
      throw ProblemException.of(
          502,
          "provider_unreachable",
          "Provider unreachable",
          what + " cannot be listed: " + e.getMessage());
    }
  }
}
