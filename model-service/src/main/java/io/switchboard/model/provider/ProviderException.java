package io.switchboard.model.provider;

/**
 * A provider call that failed, with a message fit for a user (never a key, never a stack trace).
 * {@code retryable} failures (unreachable, 408, 429, 5xx) are retried and count against the circuit
 * breaker; {@code quota} marks a used-up subscription or rate allowance.
 */
public class ProviderException extends RuntimeException {

  public enum Kind {
    UNREACHABLE,
    RETRYABLE,
    QUOTA,
    AUTH,
    REJECTED,
    CIRCUIT_OPEN
  }

  private final Kind kind;
  private final int status;
  private final Integer retryAfterSeconds;

  public ProviderException(Kind kind, int status, String message, Integer retryAfterSeconds) {
    super(message, null, false, false);
    this.kind = kind;
    this.status = status;
    this.retryAfterSeconds = retryAfterSeconds;
  }

  public ProviderException(Kind kind, int status, String message) {
    this(kind, status, message, null);
  }

  public Kind kind() {
    return kind;
  }

  /** The provider's HTTP status, or 0 when none was received. */
  public int status() {
    return status;
  }

  public Integer retryAfterSeconds() {
    return retryAfterSeconds;
  }

  public boolean retryable() {
    return kind == Kind.UNREACHABLE || kind == Kind.RETRYABLE;
  }

  /** A problem code for the API: provider_unreachable, provider_error, ... */
  public String code() {
    return switch (kind) {
      case UNREACHABLE -> "provider_unreachable";
      case QUOTA -> "provider_quota_exhausted";
      case AUTH -> "provider_auth_failed";
      case CIRCUIT_OPEN -> "provider_circuit_open";
      default -> "provider_error";
    };
  }
}
