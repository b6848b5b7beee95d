package io.switchboard.pipeline.template.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.defaults.problem.Problem;
import io.switchboard.defaults.problem.Problem.FieldError;
import io.switchboard.defaults.problem.ProblemException;
import io.switchboard.pipeline.template.StageDefinition;
import io.switchboard.pipeline.template.rest.TemplateDtos.StageRequest;
import io.switchboard.pipeline.template.service.References.Reference;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks what bean validation cannot: stage types, each type's config, unique names, and that every
 * reference points to an earlier stage. Any problem → 422 {@code invalid_template} naming fields.
 */
@ApplicationScoped
public class TemplateValidator {

  private static final Map<String, Set<String>> FIELDS =
      Map.of(
          StageDefinition.AGENT, Set.of("prompt", "topic", "model", "skills"),
          StageDefinition.TOOL, Set.of("skillId", "tool", "arguments"),
          StageDefinition.APPROVAL, Set.of("question"),
          StageDefinition.NOTIFY, Set.of("title", "body"));
  private static final Map<String, Integer> DEFAULT_TIMEOUT =
      Map.of(
          StageDefinition.AGENT, 600,
          StageDefinition.TOOL, 120,
          StageDefinition.APPROVAL, 900,
          StageDefinition.NOTIFY, 30);

  private final ObjectMapper json;

  public TemplateValidator(ObjectMapper json) {
    this.json = json;
  }

  public List<StageDefinition> validate(List<StageRequest> stages) {
    List<FieldError> errors = new ArrayList<>();
    Map<String, Integer> indexByName = new HashMap<>();
    for (int i = 0; i < stages.size(); i++) {
      if (indexByName.putIfAbsent(stages.get(i).name(), i) != null) {
        errors.add(new FieldError(at(i, "name"), "duplicates the name of an earlier stage"));
      }
    }
    List<StageDefinition> valid = new ArrayList<>();
    for (int i = 0; i < stages.size(); i++) {
      StageRequest s = stages.get(i);
      if (!StageDefinition.TYPES.contains(s.type())) {
        errors.add(new FieldError(at(i, "type"), "must be one of agent, tool, approval, notify"));
        continue;
      }
      if (!s.config().isObject()) {
        errors.add(new FieldError(at(i, "config"), "must be an object"));
        continue;
      }
      ObjectNode config = ((ObjectNode) s.config()).deepCopy();
      checkConfig(i, s.type(), config, indexByName, errors);
      int timeout = s.timeoutSeconds() == null ? DEFAULT_TIMEOUT.get(s.type()) : s.timeoutSeconds();
      int retries = s.maxRetries() == null ? 0 : s.maxRetries();
      valid.add(new StageDefinition(s.name(), s.type(), config, retries, timeout));
    }
    if (!errors.isEmpty()) {
      throw new ProblemException(
          Problem.of(422, "invalid_template", "Unprocessable request", "The template is invalid")
              .withErrors(errors));
    }
    return valid;
  }

  private void checkConfig(
      int i, String type, ObjectNode config, Map<String, Integer> names, List<FieldError> errors) {
    for (Iterator<String> it = config.fieldNames(); it.hasNext(); ) {
      String field = it.next();
      if (!FIELDS.get(type).contains(field)) {
        errors.add(
            new FieldError(at(i, "config." + field), "is not a field of a " + type + " stage"));
      }
    }
    switch (type) {
      case StageDefinition.AGENT -> {
        text(i, config, "prompt", true, 20000, names, errors);
        text(i, config, "topic", false, 100, null, errors);
        text(i, config, "model", false, 200, null, errors);
        JsonNode skills = config.get("skills");
        if (skills != null && !skills.isNull()) {
          boolean ok = skills.isArray() && skills.size() <= 50;
          for (JsonNode skill : skills) {
            ok &= skill.isTextual() && !skill.asText().isBlank();
          }
          if (!ok) {
            errors.add(new FieldError(at(i, "config.skills"), "must be up to 50 skill ids"));
          }
        }
      }
      case StageDefinition.TOOL -> {
        text(i, config, "skillId", true, 200, null, errors);
        text(i, config, "tool", true, 200, null, errors);
        JsonNode arguments = config.get("arguments");
        if (arguments == null || arguments.isNull()) {
          config.set("arguments", json.createObjectNode());
        } else if (!arguments.isObject()) {
          errors.add(new FieldError(at(i, "config.arguments"), "must be an object"));
        } else {
          References.strings(arguments, s -> references(i, "config.arguments", s, names, errors));
        }
      }
      case StageDefinition.APPROVAL -> text(i, config, "question", true, 2000, names, errors);
      default -> {
        text(i, config, "title", true, 200, names, errors);
        text(i, config, "body", false, 5000, names, errors);
      }
    }
  }

  private void text(
      int i,
      ObjectNode config,
      String field,
      boolean required,
      int max,
      Map<String, Integer> names,
      List<FieldError> errors) {
    JsonNode value = config.get(field);
    if (value == null || value.isNull()) {
      if (required) {
        errors.add(new FieldError(at(i, "config." + field), "is required"));
      }
      return;
    }
    if (!value.isTextual()
        || (required && value.asText().isBlank())
        || value.asText().length() > max) {
      errors.add(
          new FieldError(at(i, "config." + field), "must be a non-blank text of at most " + max));
      return;
    }
    if (names != null) {
      references(i, "config." + field, value.asText(), names, errors);
    }
  }

  private static void references(
      int i, String field, String text, Map<String, Integer> names, List<FieldError> errors) {
    for (Reference ref : References.in(text)) {
      String problem = null;
      if (ref == null) {
        problem = "references must be {{input.KEY}} or {{stages.NAME.output}}";
      } else if (!ref.input()) {
        Integer target = names.get(ref.key());
        if (target == null) {
          problem = "refers to stage '" + ref.key() + "', which does not exist";
        } else if (target == i) {
          problem = "refers to its own stage '" + ref.key() + "'";
        } else if (target > i) {
          problem = "refers to stage '" + ref.key() + "', which runs later";
        }
      }
      if (problem != null) {
        errors.add(new FieldError(at(i, field), problem));
      }
    }
  }

  private static String at(int i, String field) {
    return "stages[" + i + "]." + field;
  }
}
