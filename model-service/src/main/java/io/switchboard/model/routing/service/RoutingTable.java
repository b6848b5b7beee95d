package io.switchboard.model.routing.service;

import io.switchboard.model.config.RoutingConfig;
import io.switchboard.model.registry.Model;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Which models serve each topic, in order: the models listing the topic by priority (lower first)
 * then name; the default model last if it is not among them. Built from a snapshot of the registry;
 * {@code enabledOnly} leaves disabled models out (the public table).
 */
public final class RoutingTable {

  private final Map<String, List<Model>> byTopic = new TreeMap<>();
  private final Model defaultModel;

  public RoutingTable(RoutingConfig config, List<Model> models, boolean enabledOnly) {
    this.defaultModel = models.stream().filter(m -> m.isDefault).findFirst().orElse(null);
    TreeSet<String> topics = new TreeSet<>(config.topics().keySet());
    topics.add(config.defaultTopic());
    models.forEach(m -> topics.addAll(m.topicList()));
    List<Model> ordered =
        models.stream()
            .filter(m -> !enabledOnly || m.enabled)
            .sorted(Comparator.comparingInt((Model m) -> m.priority).thenComparing(m -> m.name))
            .toList();
    for (String topic : topics) {
      List<Model> list = new ArrayList<>();
      ordered.stream().filter(m -> m.topicList().contains(topic)).forEach(list::add);
      if (defaultModel != null
          && (!enabledOnly || defaultModel.enabled)
          && list.stream().noneMatch(m -> m.id.equals(defaultModel.id))) {
        list.add(defaultModel);
      }
      byTopic.put(topic, list);
    }
  }

  public Map<String, List<Model>> topics() {
    return byTopic;
  }

  public boolean knows(String topic) {
    return byTopic.containsKey(topic);
  }

  public List<Model> candidates(String topic) {
    return byTopic.getOrDefault(topic, defaultModel == null ? List.of() : List.of(defaultModel));
  }

  public Model defaultModel() {
    return defaultModel;
  }
}
