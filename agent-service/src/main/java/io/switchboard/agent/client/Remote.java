package io.switchboard.agent.client;

import io.switchboard.defaults.problem.ProblemException;

/** Problems for failed calls to another service. */
final class Remote {

  private Remote() {}

  static ProblemException failure(int status, String code, String detail) {
    return ProblemException.of(
        status, code, status == 503 ? "Service unavailable" : "Bad gateway", detail);
  }
}
