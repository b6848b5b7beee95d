package io.switchboard.defaults.problem;

/**
 * The problem codes shared by every service. A service adds its own codes with {@link
 * ProblemException#of(int, String, String, String)}; these are the ones the platform itself raises.
 */
public enum ProblemCode {
  MALFORMED_REQUEST(400, "Malformed request"),
  VALIDATION_FAILED(400, "Validation failed"),
  UNAUTHENTICATED(401, "Authentication required"),
  INVALID_TOKEN(401, "Invalid token"),
  FORBIDDEN(403, "Forbidden"),
  NOT_FOUND(404, "Not found"),
  METHOD_NOT_ALLOWED(405, "Method not allowed"),
  NOT_ACCEPTABLE(406, "Not acceptable"),
  CONFLICT(409, "Conflict"),
  PAYLOAD_TOO_LARGE(413, "Payload too large"),
  UNSUPPORTED_MEDIA_TYPE(415, "Unsupported media type"),
  UNPROCESSABLE(422, "Unprocessable request"),
  RATE_LIMITED(429, "Too many requests"),
  INTERNAL_ERROR(500, "Internal error"),
  BAD_GATEWAY(502, "Bad gateway"),
  SERVICE_UNAVAILABLE(503, "Service unavailable"),
  GATEWAY_TIMEOUT(504, "Gateway timeout");

  private final int status;
  private final String title;

  ProblemCode(int status, String title) {
    this.status = status;
    this.title = title;
  }

  public int status() {
    return status;
  }

  public String title() {
    return title;
  }

  /** The wire form: lower snake case, e.g. {@code not_found}. */
  public String code() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  /** The generic code for an HTTP status, used when nothing more specific is known. */
  public static ProblemCode forStatus(int status) {
    for (ProblemCode candidate : values()) {
      if (candidate.status == status) {
        return candidate;
      }
    }
    return status >= 500 ? INTERNAL_ERROR : MALFORMED_REQUEST;
  }
}
