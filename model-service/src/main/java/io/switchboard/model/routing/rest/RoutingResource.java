package io.switchboard.model.routing.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.switchboard.defaults.security.Roles;
import io.switchboard.model.config.RoutingConfig;
import io.switchboard.model.registry.Model;
import io.switchboard.model.routing.service.Router;
import io.switchboard.model.routing.service.RoutingTable;
import io.switchboard.model.routing.service.SemanticMatcher;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** How a message's topic picks a model. */
@Path("/api/models/routing")
@Tag(name = "Models")
@Produces(MediaType.APPLICATION_JSON)
public class RoutingResource {

  @Schema(name = "RoutingTopic")
  public record TopicRoute(
      String topic, String primary, List<String> fallbacks, List<String> keywords) {}

  @Schema(name = "Routing")
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Routing(
      @com.fasterxml.jackson.annotation.JsonProperty("default")
          @Schema(description = "The default model's name")
          String defaultModel,
      String defaultTopic,
      @Schema(description = "Whether the offline similarity step is on") boolean semantic,
      List<TopicRoute> topics) {}

  private final Router router;
  private final RoutingConfig config;
  private final SemanticMatcher semantic;

  public RoutingResource(Router router, RoutingConfig config, SemanticMatcher semantic) {
    this.router = router;
    this.config = config;
    this.semantic = semantic;
  }

  @GET
  @RolesAllowed(Roles.USER)
  @Operation(
      summary = "The routing table",
      description =
          "Per topic the primary model and ordered fallbacks (enabled models listing the topic by"
              + " priority, lower first, then name; the default model last) and the keywords that"
              + " select it. A message with no keyword goes by semantic similarity"
              + " (all-MiniLM-L6-v2, offline), else to the default topic.")
  public Routing get() {
    RoutingTable table = router.table(true);
    List<TopicRoute> topics = new ArrayList<>();
    table
        .topics()
        .forEach(
            (topic, models) -> {
              List<String> names = models.stream().map(m -> m.name).toList();
              var configured = config.topics().get(topic);
              topics.add(
                  new TopicRoute(
                      topic,
                      names.isEmpty() ? null : names.get(0),
                      names.isEmpty() ? List.of() : names.subList(1, names.size()),
                      configured == null ? List.of() : configured.keywords().orElse(List.of())));
            });
    Model d = table.defaultModel();
    return new Routing(
        d == null ? null : d.name, config.defaultTopic(), semantic.enabled(), topics);
  }
}
