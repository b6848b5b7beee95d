package io.switchboard.model.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Topics a message is classified into, and how. */
@ConfigMapping(prefix = "switchboard.routing")
public interface RoutingConfig {

  /** The topic of a message that no rule and no similarity claims. */
  @WithDefault("general")
  String defaultTopic();

  /** Topics by name, e.g. {@code switchboard.routing.topics.coding.keywords=code,bug}. */
  Map<String, Topic> topics();

  Semantic semantic();

  interface Topic {
    /** Whole words (case-insensitive) that put a message in this topic. */
    Optional<List<String>> keywords();

    /** A sentence describing the topic; embedded for the similarity step. */
    Optional<String> description();
  }

  /** The offline embedding step (all-MiniLM-L6-v2, run in-process). */
  interface Semantic {
    @WithDefault("true")
    boolean enabled();

    /** The cosine similarity a topic needs to win. */
    @WithDefault("0.18")
    double threshold();
  }
}
