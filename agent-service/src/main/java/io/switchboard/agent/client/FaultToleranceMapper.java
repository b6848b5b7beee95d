package io.switchboard.agent.client;

import io.switchboard.defaults.problem.Problem;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.faulttolerance.exceptions.FaultToleranceException;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** A dependency that timed out or whose circuit is open: 503, never a 500. */
public class FaultToleranceMapper {

  @ServerExceptionMapper
  public Response unavailable(FaultToleranceException e) {
    return Response.status(503)
        .type(Problem.MEDIA_TYPE)
        .header("Retry-After", "5")
        .entity(
            Problem.of(
                503,
                "dependency_unavailable",
                "Service unavailable",
                "A service this request needs did not answer in time"))
        .build();
  }
}
