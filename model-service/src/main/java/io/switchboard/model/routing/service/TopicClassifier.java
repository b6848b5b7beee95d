package io.switchboard.model.routing.service;

import io.switchboard.model.config.RoutingConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/** A message's topic: keyword rules first, then semantic similarity, else the default topic. */
@ApplicationScoped
public class TopicClassifier {

  /** The topic and why, e.g. {@code keyword 'bug'}. */
  public record Classification(String topic, String reason) {}

  private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}_+#-]+");

  private final RoutingConfig config;
  private final SemanticMatcher semantic;

  public TopicClassifier(RoutingConfig config, SemanticMatcher semantic) {
    this.config = config;
    this.semantic = semantic;
  }

  public Classification classify(String text) {
    Optional<Classification> byKeyword = keywords(text == null ? "" : text);
    if (byKeyword.isPresent()) {
      return byKeyword.get();
    }
    return semantic
        .best(text)
        .map(
            m ->
                new Classification(
                    m.topic(),
                    String.format(Locale.ROOT, "semantic similarity %.2f", m.similarity())))
        .orElseGet(() -> new Classification(config.defaultTopic(), "default topic"));
  }

  /** The topic with the most keyword hits (ties: the first configured); whole words only. */
  private Optional<Classification> keywords(String text) {
    List<String> words =
        WORD.matcher(text.toLowerCase(Locale.ROOT)).results().map(r -> r.group()).toList();
    String bestTopic = null;
    String firstHit = null;
    int bestHits = 0;
    for (Map.Entry<String, RoutingConfig.Topic> topic :
        new java.util.TreeMap<>(config.topics()).entrySet()) {
      int hits = 0;
      String hit = null;
      for (String keyword : topic.getValue().keywords().orElse(List.of())) {
        String k = keyword.toLowerCase(Locale.ROOT).strip();
        if (!k.isEmpty() && words.contains(k)) {
          hits++;
          hit = hit == null ? k : hit;
        }
      }
      if (hits > bestHits) {
        bestHits = hits;
        bestTopic = topic.getKey();
        firstHit = hit;
      }
    }
    return bestTopic == null
        ? Optional.empty()
        : Optional.of(new Classification(bestTopic, "keyword '" + firstHit + "'"));
  }
}
