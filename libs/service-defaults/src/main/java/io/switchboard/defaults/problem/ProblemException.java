package io.switchboard.defaults.problem;

import java.util.List;

/**
 * Thrown by service code to answer with a problem. Carries only what may be shown to a client: the
 * status, a stable code and a detail message. Mapped by {@link ProblemExceptionMappers}.
 */
public class ProblemException extends RuntimeException {

  private final transient Problem problem;
  private final Integer retryAfterSeconds;

  public ProblemException(Problem problem) {
    this(problem, null);
  }

  public ProblemException(Problem problem, Integer retryAfterSeconds) {
    super(problem.code() + ": " + problem.detail(), null, false, false);
    this.problem = problem;
    this.retryAfterSeconds = retryAfterSeconds;
  }

  public static ProblemException of(ProblemCode code, String detail) {
    return new ProblemException(Problem.of(code, detail));
  }

  public static ProblemException of(int status, String code, String title, String detail) {
    return new ProblemException(Problem.of(status, code, title, detail));
  }

  public static ProblemException notFound(String what) {
    return of(ProblemCode.NOT_FOUND, what + " not found");
  }

  public static ProblemException validation(String field, String message) {
    return new ProblemException(
        Problem.of(ProblemCode.VALIDATION_FAILED, "The request is invalid")
            .withErrors(List.of(new Problem.FieldError(field, message))));
  }

  public Problem problem() {
    return problem;
  }

  /** Seconds for a {@code Retry-After} header, or {@code null}. */
  public Integer retryAfterSeconds() {
    return retryAfterSeconds;
  }
}
