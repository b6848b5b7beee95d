package io.switchboard.model.registry.service;

import io.switchboard.model.registry.Model;
import io.switchboard.model.registry.rest.ModelDtos.Capabilities;
import io.switchboard.model.registry.rest.ModelDtos.UpdateRequest;

/** The plain fields of a partial update: each one present replaces the stored value. */
final class ModelFields {

  private ModelFields() {}

  static void apply(Model m, UpdateRequest r) {
    if (r.modelId() != null) {
      m.modelId = r.modelId();
    }
    if (r.credentialId() != null) {
      m.credentialId = r.credentialId();
    }
    if (r.topics() != null) {
      m.topics = r.topics().toArray(String[]::new);
    }
    if (r.priority() != null) {
      m.priority = r.priority();
    }
    if (r.maxTokens() != null) {
      m.maxTokens = r.maxTokens();
    }
    if (r.contextWindow() != null) {
      m.contextWindow = r.contextWindow();
    }
    if (r.capabilities() != null) {
      capabilities(m, r.capabilities());
    }
  }

  static void capabilities(Model m, Capabilities c) {
    m.capTools = c.tools() == null ? m.capTools : c.tools();
    m.capVision = c.vision() == null ? m.capVision : c.vision();
    m.capStreaming = c.streaming() == null ? m.capStreaming : c.streaming();
  }
}
