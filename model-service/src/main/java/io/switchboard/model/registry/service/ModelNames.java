package io.switchboard.model.registry.service;

import io.switchboard.defaults.problem.ProblemException;
import io.switchboard.model.registry.Model;
import jakarta.persistence.PersistenceException;
import java.util.Set;
import org.hibernate.exception.ConstraintViolationException;

/** Model names: free, not reserved; unique-index races answered as 409. */
final class ModelNames {

  /** Path segments under /api/models that are not model names. */
  static final Set<String> RESERVED =
      Set.of("routing", "health", "cli", "providers", "test", "default");

  static void requireFree(String name) {
    if (RESERVED.contains(name)) {
      throw ProblemException.validation("name", "'" + name + "' is reserved");
    }
    if (Model.count("name", name) > 0) {
      throw nameTaken(name);
    }
  }

  /** A concurrent write that hit a unique index (the name, or a second default): 409. */
  static void flush(String name) {
    try {
      Model.flush();
    } catch (PersistenceException e) {
      ConstraintViolationException violation =
          e instanceof ConstraintViolationException c
              ? c
              : e.getCause() instanceof ConstraintViolationException c ? c : null;
      if (violation == null) {
        throw e;
      }
      if ("model_one_default".equals(violation.getConstraintName())) {
        throw ProblemException.of(
            409, "conflict", "Conflict", "Another default model was set at the same time; retry");
      }
      throw nameTaken(name);
    }
  }

  static ProblemException nameTaken(String name) {
    return ProblemException.of(
        409, "name_taken", "Name taken", "A model named " + name + " exists");
  }

  private ModelNames() {}
}
