package io.switchboard.gateway.proxy;

import io.switchboard.defaults.problem.Problem;
import io.switchboard.defaults.problem.ProblemCode;
import io.switchboard.gateway.config.UpstreamService;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.util.concurrent.TimeoutException;

/** Why a service gave no answer, and the problem the client gets instead. */
public enum UpstreamFailure {
  /** Nobody listens, or it cannot be reached in the connect timeout: 503. */
  UNAVAILABLE(Outcome.UNAVAILABLE),
  /** It took the connection but did not answer in the request timeout: 504. */
  TIMEOUT(Outcome.TIMEOUT),
  /** The exchange broke off (connection reset, malformed answer): 502. */
  BROKEN(Outcome.SERVER_ERROR);

  private final Outcome outcome;

  UpstreamFailure(Outcome outcome) {
    this.outcome = outcome;
  }

  public static UpstreamFailure classify(Throwable error) {
    for (Throwable cause = error; cause != null; cause = cause.getCause()) {
      // Netty's ConnectTimeoutException is a ConnectException: unreachable, not slow.
      if (cause instanceof ConnectException
          || cause instanceof UnknownHostException
          || cause instanceof NoRouteToHostException) {
        return UNAVAILABLE;
      }
      if (cause instanceof TimeoutException) {
        return TIMEOUT;
      }
    }
    return BROKEN;
  }

  public Outcome outcome() {
    return outcome;
  }

  /** The problem for the client; names the service, never its address or the exception. */
  public Problem problem(UpstreamService service) {
    String name = service.serviceName();
    return switch (this) {
      case UNAVAILABLE -> Problem.of(ProblemCode.SERVICE_UNAVAILABLE, name + " is unavailable");
      case TIMEOUT -> Problem.of(ProblemCode.GATEWAY_TIMEOUT, name + " did not answer in time");
      case BROKEN -> Problem.of(ProblemCode.BAD_GATEWAY, name + " gave no valid answer");
    };
  }
}
