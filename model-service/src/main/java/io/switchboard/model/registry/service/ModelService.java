package io.switchboard.model.registry.service;

import io.quarkus.panache.common.Sort;
import io.switchboard.defaults.problem.ProblemException;
import io.switchboard.model.provider.ProviderKind;
import io.switchboard.model.registry.Model;
import io.switchboard.model.registry.rest.ModelDtos.Capabilities;
import io.switchboard.model.registry.rest.ModelDtos.CreateRequest;
import io.switchboard.model.registry.rest.ModelDtos.UpdateRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The global model registry: names unique, exactly one default, endpoints checked. */
@ApplicationScoped
public class ModelService {

  private final EndpointGuard guard;

  public ModelService(EndpointGuard guard) {
    this.guard = guard;
  }

  @Transactional
  public List<Model> list() {
    return Model.listAll(Sort.by("priority").and("name"));
  }

  @Transactional
  public Model get(String name) {
    Model m = Model.byName(name);
    if (m == null) {
      throw ProblemException.notFound("Model");
    }
    return m;
  }

  /** By id (a UUID) or by name. */
  @Transactional
  public Model find(String idOrName) {
    Model m = null;
    try {
      m = Model.findById(UUID.fromString(idOrName));
    } catch (IllegalArgumentException notAnId) {
      // a name
    }
    return m != null ? m : get(idOrName);
  }

  @Transactional
  public Model create(CreateRequest r) {
    ModelNames.requireFree(r.name());
    ProviderKind.require(r.provider());
    checkEndpoint(r.endpoint());
    Instant now = Instant.now();
    Model m = new Model();
    m.id = UUID.randomUUID();
    m.name = r.name();
    m.provider = r.provider();
    m.modelId = r.modelId();
    m.endpoint = blankToNull(r.endpoint());
    m.credentialId = r.credentialId();
    m.topics = r.topics() == null ? new String[] {"general"} : r.topics().toArray(String[]::new);
    m.priority = r.priority() == null ? 100 : r.priority();
    m.maxTokens = r.maxTokens();
    m.contextWindow = r.contextWindow();
    ModelFields.capabilities(
        m, r.capabilities() == null ? new Capabilities(true, false, true) : r.capabilities());
    m.enabled = r.enabled() == null || r.enabled();
    m.createdAt = now;
    m.updatedAt = now;
    m.isDefault = false;
    m.persist();
    ModelNames.flush(m.name);
    if (Boolean.TRUE.equals(r.isDefault())) {
      makeDefault(m);
    }
    return m;
  }

  @Transactional
  public Model update(String name, UpdateRequest r) {
    Model m = get(name);
    if (r.name() != null && !r.name().equals(m.name)) {
      ModelNames.requireFree(r.name());
      m.name = r.name();
    }
    if (r.provider() != null) {
      ProviderKind.require(r.provider());
      m.provider = r.provider();
    }
    if (r.endpoint() != null) {
      checkEndpoint(r.endpoint());
      m.endpoint = blankToNull(r.endpoint());
    }
    ModelFields.apply(m, r);
    if (r.enabled() != null) {
      if (!r.enabled() && m.isDefault) {
        throw defaultModel("disable");
      }
      m.enabled = r.enabled();
    }
    m.updatedAt = Instant.now();
    ModelNames.flush(m.name);
    return m;
  }

  @Transactional
  public void delete(String name) {
    Model m = get(name);
    if (m.isDefault) {
      throw defaultModel("delete");
    }
    m.delete();
  }

  @Transactional
  public Model setDefault(String idOrName) {
    Model m = find(idOrName);
    if (!m.enabled) {
      throw ProblemException.of(
          409,
          "model_disabled",
          "Model disabled",
          "Enable " + m.name + " before making it the default");
    }
    makeDefault(m);
    return m;
  }

  @Transactional
  public Model defaultModel() {
    return Model.find("isDefault", true).firstResult();
  }

  private void makeDefault(Model m) {
    Model.update(
        "isDefault = false, updatedAt = ?1 where isDefault = true and id <> ?2",
        Instant.now(),
        m.id);
    Model.flush();
    m.isDefault = true;
    m.updatedAt = Instant.now();
    ModelNames.flush(m.name);
  }

  private void checkEndpoint(String endpoint) {
    if (endpoint != null && !endpoint.isBlank()) {
      guard.check(endpoint);
    }
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.replaceAll("/+$", "");
  }

  private static ProblemException defaultModel(String what) {
    return ProblemException.of(
        409,
        "default_model",
        "Default model",
        "Cannot " + what + " the default model; make another model the default first");
  }
}
