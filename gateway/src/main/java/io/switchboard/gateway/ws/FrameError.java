package io.switchboard.gateway.ws;

/**
 * A client frame the gateway cannot act on: answered with an error frame, the socket stays open.
 */
public final class FrameError extends Exception {

  private final String code;

  public FrameError(String code, String message) {
    super(message, null, false, false);
    this.code = code;
  }

  /** The stable {@code code} of the error frame, e.g. {@code invalid_json}. */
  public String code() {
    return code;
  }
}
