package io.switchboard.gateway.proxy;

import java.util.Locale;

/** How a proxied request ended, the {@code outcome} tag of {@code switchboard.gateway.requests}. */
public enum Outcome {
  OK,
  CLIENT_ERROR,
  SERVER_ERROR,
  UNAVAILABLE,
  TIMEOUT;

  /** The outcome of an answer the service gave. */
  public static Outcome of(int status) {
    if (status >= 500) {
      return SERVER_ERROR;
    }
    return status >= 400 ? CLIENT_ERROR : OK;
  }

  public String tag() {
    return name().toLowerCase(Locale.ROOT);
  }
}
