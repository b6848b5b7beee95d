package io.switchboard.defaults.problem;

import io.micrometer.core.instrument.MeterRegistry;
import io.switchboard.defaults.request.RequestIds;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

/**
 * Turns a {@link Problem} into a response, stamping the request path and correlation id, and counts
 * it in {@code switchboard.problems} (tagged by status and code) so error rates show on dashboards.
 */
@ApplicationScoped
public class ProblemResponses {

  private final MeterRegistry registry;

  public ProblemResponses(MeterRegistry registry) {
    this.registry = registry;
  }

  public Response build(Problem problem, String path) {
    return build(problem, path, null);
  }

  public Response build(Problem problem, String path, Integer retryAfterSeconds) {
    Problem stamped = stamp(problem, path);
    Response.ResponseBuilder response =
        Response.status(stamped.status()).type(Problem.MEDIA_TYPE).entity(stamped);
    if (retryAfterSeconds != null) {
      response.header(HttpHeaders.RETRY_AFTER, retryAfterSeconds);
    }
    if (stamped.status() == 401) {
      response.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
    }
    return response.build();
  }

  /** Adds path and correlation id, and counts the problem. */
  public Problem stamp(Problem problem, String path) {
    registry
        .counter(
            "switchboard.problems",
            "status",
            Integer.toString(problem.status()),
            "code",
            problem.code())
        .increment();
    return problem.at(path, RequestIds.current());
  }
}
