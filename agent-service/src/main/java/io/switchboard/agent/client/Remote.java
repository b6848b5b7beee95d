package io.switchboard.agent.client;

import io.switchboard.defaults.problem.ProblemException;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.FaultToleranceException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;

/** Problems for failed calls to another service. */
final class Remote {

  private Remote() {}

  static ProblemException failure(int status, String code, String detail) {
    return ProblemException.of(
        status, code, status == 503 ? "Service unavailable" : "Bad gateway", detail);
  }

  /**
   * The problem for a call that fault tolerance ended before or instead of the service's answer: an
   * open circuit (the service failed repeatedly, calls wait out the breaker's delay), a timeout. An
   * outage of that service, never an internal error of this one.
   */
  static ProblemException unavailable(String code, String service, FaultToleranceException e) {
    String why;
    if (e instanceof CircuitBreakerOpenException) {
      why = service + " failed repeatedly; calls to it are paused for a few seconds";
    } else if (e instanceof TimeoutException) {
      why = service + " did not answer in time";
    } else {
      why = service + " is unavailable";
    }
    return failure(503, code, why);
  }
}
