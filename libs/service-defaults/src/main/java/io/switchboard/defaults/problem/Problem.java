package io.switchboard.defaults.problem;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.net.URI;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * An RFC 9457 problem details body, the one error shape of every Switchboard service.
 *
 * @param type URI naming the problem type ({@code https://switchboard.dev/problems/<code>})
 * @param title short, human-readable summary of the problem type
 * @param status the HTTP status code
 * @param detail human-readable explanation of this occurrence; never internals
 * @param code stable machine-readable code, e.g. {@code validation_failed}
 * @param instance the request path the problem occurred on
 * @param requestId the request's correlation id (also in the {@code X-Request-Id} header)
 * @param errors per-field errors, only for validation problems
 */
@Schema(name = "Problem", description = "RFC 9457 problem details")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(
    URI type,
    String title,
    int status,
    String detail,
    String code,
    String instance,
    String requestId,
    List<FieldError> errors) {

  public static final String MEDIA_TYPE = "application/problem+json";
  private static final String TYPE_BASE = "https://switchboard.dev/problems/";

  /** One invalid field of a request. */
  @Schema(name = "FieldError")
  public record FieldError(String field, String message) {}

  public static Problem of(ProblemCode code, String detail) {
    return of(code.status(), code.code(), code.title(), detail);
  }

  public static Problem of(int status, String code, String title, String detail) {
    return new Problem(URI.create(TYPE_BASE + code), title, status, detail, code, null, null, null);
  }

  public Problem withErrors(List<FieldError> fieldErrors) {
    return new Problem(type, title, status, detail, code, instance, requestId, fieldErrors);
  }

  public Problem at(String path, String correlationId) {
    return new Problem(type, title, status, detail, code, path, correlationId, errors);
  }
}
