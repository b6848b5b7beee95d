package io.switchboard.skill.execute;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.switchboard.defaults.problem.Problem;
import io.switchboard.defaults.problem.ProblemCode;
import io.switchboard.defaults.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Validates tool arguments against the tool's JSON Schema (the dialect its {@code $schema} names,
 * 2020-12 otherwise). Never fetches remote {@code $ref}s. Failures are 400 {@code
 * validation_failed} with one field error per problem, fields named {@code arguments.<path>}.
 */
@ApplicationScoped
public class ArgumentValidator {

  private static final int MAX_CACHED = 1000;

  private final SchemaRegistry registry =
      SchemaRegistry.withDefaultDialect(
          SpecificationVersion.DRAFT_2020_12,
          builder -> builder.schemaLoader(loader -> loader.fetchRemoteResources(false)));
  private final Map<String, Schema> schemas = new ConcurrentHashMap<>();

  public void validate(JsonNode schema, JsonNode arguments) {
    List<Error> errors;
    try {
      errors = compiled(schema).validate(arguments);
    } catch (RuntimeException e) {
      throw ToolProblems.failed("The tool's input schema cannot be used");
    }
    if (!errors.isEmpty()) {
      throw new ProblemException(
          Problem.of(ProblemCode.VALIDATION_FAILED, "The arguments do not match the tool's schema")
              .withErrors(errors.stream().limit(50).map(ArgumentValidator::fieldError).toList()));
    }
  }

  private Schema compiled(JsonNode schema) {
    String key = schema.toString();
    Schema compiled = schemas.get(key);
    if (compiled == null) {
      compiled = registry.getSchema(schema);
      if (schemas.size() < MAX_CACHED) {
        schemas.put(key, compiled);
      }
    }
    return compiled;
  }

  private static Problem.FieldError fieldError(Error error) {
    String path = error.getInstanceLocation() == null ? "" : error.getInstanceLocation().toString();
    path = path.startsWith("$") ? path.substring(1) : path;
    path = path.replace('/', '.');
    StringBuilder field = new StringBuilder("arguments");
    if (!path.isEmpty()) {
      field.append(path.startsWith(".") || path.startsWith("[") ? "" : ".").append(path);
    }
    if (error.getProperty() != null && "required".equals(error.getKeyword())) {
      field.append('.').append(error.getProperty());
    }
    return new Problem.FieldError(field.toString(), error.getMessage());
  }
}
