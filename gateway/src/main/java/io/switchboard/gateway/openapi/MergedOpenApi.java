package io.switchboard.gateway.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.mutiny.Uni;
import io.switchboard.gateway.client.UpstreamClients;
import io.switchboard.gateway.config.GatewayConfig;
import io.switchboard.gateway.config.UpstreamService;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The merged OpenAPI document of all services, fetched from each service's {@code /openapi}
 * concurrently and kept for {@code openapi-cache-ttl}. A document missing a service (it was down)
 * is kept only briefly, so the service shows up soon after it starts.
 */
@ApplicationScoped
public class MergedOpenApi {

  private static final Logger LOG = Logger.getLogger(MergedOpenApi.class);
  private static final Duration INCOMPLETE_TTL = Duration.ofSeconds(5);

  private record Cached(String json, long expiresAtNanos) {}

  private final UpstreamClients clients;
  private final GatewayConfig config;
  private final ObjectMapper mapper;
  private final String apiVersion;
  private final AtomicReference<Cached> cached = new AtomicReference<>();

  public MergedOpenApi(
      UpstreamClients clients,
      GatewayConfig config,
      ObjectMapper mapper,
      @ConfigProperty(name = "quarkus.smallrye-openapi.info-version", defaultValue = "0.1.0")
          String apiVersion) {
    this.clients = clients;
    this.config = config;
    this.mapper = mapper;
    this.apiVersion = apiVersion;
  }

  /** The merged document as JSON. */
  public Uni<String> document() {
    Cached current = cached.get();
    if (current != null && System.nanoTime() < current.expiresAtNanos()) {
      return Uni.createFrom().item(current.json());
    }
    List<Uni<Optional<JsonNode>>> fetches =
        Arrays.stream(UpstreamService.values()).map(this::fetch).toList();
    return Uni.join().all(fetches).andCollectFailures().map(this::mergeAndCache);
  }

  private String mergeAndCache(List<Optional<JsonNode>> fetched) {
    Map<String, JsonNode> documents = new LinkedHashMap<>();
    List<String> missing = new ArrayList<>();
    UpstreamService[] services = UpstreamService.values();
    for (int i = 0; i < services.length; i++) {
      String name = services[i].serviceName();
      fetched.get(i).ifPresentOrElse(doc -> documents.put(name, doc), () -> missing.add(name));
    }
    ObjectNode merged = OpenApiMerger.merge(documents, missing, apiVersion);
    String json;
    try {
      json = mapper.writeValueAsString(merged);
    } catch (IOException e) {
      throw new IllegalStateException("A merged document is always serialisable", e);
    }
    Duration ttl = missing.isEmpty() ? config.openapiCacheTtl() : INCOMPLETE_TTL;
    cached.set(new Cached(json, System.nanoTime() + ttl.toNanos()));
    return json;
  }

  private Uni<Optional<JsonNode>> fetch(UpstreamService service) {
    return clients
        .get(service, "/openapi?format=json", config.timeouts().healthProbe())
        .map(
            reply -> {
              if (reply.status() != 200) {
                throw new IllegalStateException("answered " + reply.status());
              }
              try {
                return Optional.of(mapper.readTree(reply.body().getBytes()));
              } catch (IOException e) {
                throw new IllegalStateException("answered a document that is not JSON", e);
              }
            })
        .onFailure()
        .recoverWithItem(
            error -> {
              LOG.debugf("OpenAPI of %s left out: %s", service.serviceName(), error.toString());
              return Optional.empty();
            });
  }
}
