package io.switchboard.model.routing.service;

import io.switchboard.defaults.problem.ProblemException;
import io.switchboard.model.config.CliConfig;
import io.switchboard.model.config.RoutingConfig;
import io.switchboard.model.provider.ProviderKind;
import io.switchboard.model.registry.Model;
import io.switchboard.model.registry.service.ModelService;
import io.switchboard.model.routing.service.RoutingDecision.Candidate;
import io.switchboard.model.routing.service.RoutingDecision.Skipped;
import io.switchboard.model.routing.service.TopicClassifier.Classification;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Picks the models for a request: the one asked for by name (no fallback), or the candidates of the
 * topic (given, or classified from the last user message) in order, skipping those that are
 * disabled, whose provider is down, whose circuit is open or whose CLI quota is used up. After a
 * skipped subscription CLI model, paid API models are skipped too unless configured.
 */
@ApplicationScoped
public class Router {

  public static final String PAID_AFTER_CLI =
      "paid fallback after a subscription CLI is not allowed (switchboard.cli.fallback-to-paid)";

  private final ModelService models;
  private final RoutingConfig config;
  private final TopicClassifier classifier;
  private final Availability availability;
  private final boolean fallbackToPaid;

  public Router(
      ModelService models,
      RoutingConfig config,
      TopicClassifier classifier,
      Availability availability,
      CliConfig cli) {
    this.models = models;
    this.config = config;
    this.classifier = classifier;
    this.availability = availability;
    this.fallbackToPaid = cli.fallbackToPaid();
  }

  public RoutingTable table(boolean enabledOnly) {
    return new RoutingTable(config, models.list(), enabledOnly);
  }

  public RoutingDecision route(String modelName, String topic, String lastUserText) {
    if (modelName != null) {
      return requested(modelName, topic);
    }
    RoutingTable table = table(false);
    Classification c;
    if (topic != null) {
      if (!table.knows(topic)) {
        throw ProblemException.validation("topic", "unknown topic '" + topic + "'");
      }
      c = new Classification(topic, "requested topic");
    } else {
      c = classifier.classify(lastUserText);
    }
    List<Candidate> usable = new ArrayList<>();
    List<Skipped> skipped = new ArrayList<>();
    boolean cliSkipped = false;
    int position = 0;
    for (Model m : table.candidates(c.topic())) {
      Optional<String> reason = availability.skipReason(m);
      ProviderKind kind = ProviderKind.find(m.provider).orElse(ProviderKind.LOCAL);
      if (reason.isEmpty() && cliSkipped && kind.paid() && !fallbackToPaid) {
        reason = Optional.of(PAID_AFTER_CLI);
      }
      if (reason.isPresent()) {
        skipped.add(new Skipped(m.name, reason.get()));
        cliSkipped |= kind == ProviderKind.CLI;
      } else {
        usable.add(new Candidate(m, why(m, position, c)));
      }
      position++;
    }
    return new RoutingDecision(c.topic(), c.reason(), usable, skipped);
  }

  private static String why(Model m, int position, Classification c) {
    String role =
        m.topicList().contains(c.topic())
            ? (position == 0 ? "primary" : "fallback " + position)
            : "default model";
    return role + " for topic " + c.topic() + " (" + c.reason() + ")";
  }

  private RoutingDecision requested(String name, String topic) {
    Model m = models.find(name);
    if (!m.enabled) {
      throw ProblemException.of(
          409, "model_disabled", "Model disabled", "The model " + m.name + " is disabled");
    }
    String t = topic != null ? topic : config.defaultTopic();
    Optional<String> reason = availability.skipReason(m);
    if (reason.isPresent()) {
      return new RoutingDecision(
          t, "requested model", List.of(), List.of(new Skipped(m.name, reason.get())));
    }
    return new RoutingDecision(
        t, "requested model", List.of(new Candidate(m, "requested model")), List.of());
  }
}
