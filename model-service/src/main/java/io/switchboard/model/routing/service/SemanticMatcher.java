package io.switchboard.model.routing.service;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import dev.langchain4j.store.embedding.CosineSimilarity;
import io.switchboard.model.config.RoutingConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * The similarity step of topic classification: all-MiniLM-L6-v2 (ONNX, shipped in a Maven Central
 * jar, run in-process, no network) embeds each topic's description and keywords once, then a
 * message; the most similar topic wins when it reaches the threshold. Loaded on first use.
 */
@ApplicationScoped
public class SemanticMatcher {

  private static final Logger LOG = Logger.getLogger(SemanticMatcher.class);
  private static final int MAX_CHARS = 2000;

  /** A topic and how similar the message is to it. */
  public record Match(String topic, double similarity) {}

  private final RoutingConfig config;
  private volatile EmbeddingModel model;
  private volatile Map<String, List<Embedding>> topics;
  private volatile boolean broken;

  public SemanticMatcher(RoutingConfig config) {
    this.config = config;
  }

  public boolean enabled() {
    return config.semantic().enabled() && !broken;
  }

  public Optional<Match> best(String text) {
    if (!enabled() || text == null || text.isBlank()) {
      return Optional.empty();
    }
    try {
      Map<String, List<Embedding>> vectors = topicVectors();
      String input = text.length() > MAX_CHARS ? text.substring(0, MAX_CHARS) : text;
      Embedding message = model.embed(input).content();
      Match best = null;
      for (Map.Entry<String, List<Embedding>> e : vectors.entrySet()) {
        for (Embedding v : e.getValue()) {
          double similarity = CosineSimilarity.between(message, v);
          if (best == null || similarity > best.similarity()) {
            best = new Match(e.getKey(), similarity);
          }
        }
      }
      return Optional.ofNullable(best).filter(m -> m.similarity() >= config.semantic().threshold());
    } catch (RuntimeException | LinkageError | OutOfMemoryError e) {
      // e.g. the ONNX runtime's native library cannot load on this platform, or the model (about
      // 90 MB while loading) does not fit the heap: keywords only, the service stays up.
      broken = true;
      LOG.warnf("Semantic topic matching disabled: %s", e.toString());
      return Optional.empty();
    }
  }

  /** Per topic its description and its keyword list, embedded apart; the closer one counts. */
  private Map<String, List<Embedding>> topicVectors() {
    if (topics == null) {
      synchronized (this) {
        if (topics == null) {
          model = new AllMiniLmL6V2EmbeddingModel();
          Map<String, List<Embedding>> vectors = new LinkedHashMap<>();
          config
              .topics()
              .forEach(
                  (name, topic) -> {
                    List<Embedding> list = new ArrayList<>();
                    list.add(model.embed(topic.description().orElse(name)).content());
                    topic
                        .keywords()
                        .filter(k -> !k.isEmpty())
                        .ifPresent(k -> list.add(model.embed(String.join(", ", k)).content()));
                    vectors.put(name, list);
                  });
          topics = vectors;
        }
      }
    }
    return topics;
  }
}
