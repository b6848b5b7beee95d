package io.switchboard.model.routing.service;

import io.switchboard.model.registry.Model;
import java.util.ArrayList;
import java.util.List;

/**
 * How a request was routed: its topic and why, the models to try in order (each with why it was
 * picked), and the models skipped with why. Mutable only while a completion falls back.
 */
public final class RoutingDecision {

  /** A model routing passed over. */
  public record Skipped(String model, String reason) {}

  /** A model to try, and why it is picked if it answers. */
  public record Candidate(Model model, String reason) {}

  private final String topic;
  private final String topicReason;
  private final List<Candidate> candidates;
  private final List<Skipped> skipped;

  public RoutingDecision(
      String topic, String topicReason, List<Candidate> candidates, List<Skipped> skipped) {
    this.topic = topic;
    this.topicReason = topicReason;
    this.candidates = candidates;
    this.skipped = new ArrayList<>(skipped);
  }

  public String topic() {
    return topic;
  }

  public String topicReason() {
    return topicReason;
  }

  public List<Candidate> candidates() {
    return candidates;
  }

  public List<Skipped> skipped() {
    return List.copyOf(skipped);
  }

  /** A candidate that failed when called: recorded, and the next one is tried. */
  public void failed(Model model, String reason) {
    skipped.add(new Skipped(model.name, reason));
  }
}
