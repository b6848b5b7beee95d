package io.switchboard.launcher;

/**
 * Why the stack could not start or stop. The message is written for a person: its first line says
 * what went wrong and what to do, later lines (if any) quote the relevant log.
 */
public class StackException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** A failure described by {@code message}. */
  public StackException(String message) {
    super(message);
  }

  /** A failure described by {@code message}, caused by {@code cause}. */
  public StackException(String message, Throwable cause) {
    super(message, cause);
  }
}
