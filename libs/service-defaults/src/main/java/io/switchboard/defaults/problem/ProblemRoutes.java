package io.switchboard.defaults.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.UnauthorizedException;
import io.switchboard.defaults.request.RequestIds;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/**
 * Problem+json below JAX-RS: a path no route serves is a 404 problem, and a request that fails in
 * the HTTP layer (body too large, a failed route handler) gets a problem for its status instead of
 * the server's default page. Also used directly by Vert.x route handlers (the gateway's proxy).
 */
@ApplicationScoped
public class ProblemRoutes {

  private static final Logger LOG = Logger.getLogger(ProblemRoutes.class);

  private final ProblemResponses responses;
  private final ObjectMapper mapper;

  public ProblemRoutes(ProblemResponses responses, ObjectMapper mapper) {
    this.responses = responses;
    this.mapper = mapper;
  }

  void register(@Observes Router router) {
    router
        .route()
        .last()
        .handler(ctx -> send(ctx, Problem.of(ProblemCode.NOT_FOUND, "No resource at this path")));
    router.route().order(Integer.MIN_VALUE).failureHandler(this::failure);
  }

  /** Ends the exchange with the problem, unless a response is already on its way. */
  public void send(RoutingContext ctx, Problem problem) {
    send(ctx, problem, null);
  }

  public void send(RoutingContext ctx, Problem problem, Integer retryAfterSeconds) {
    if (ctx.response().headWritten()) {
      ctx.response().reset();
      return;
    }
    Problem stamped = responses.stamp(problem, ctx.request().path());
    String body;
    try {
      body = mapper.writeValueAsString(stamped);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("A problem is always serialisable", e);
    }
    var response = ctx.response().setStatusCode(stamped.status());
    response.putHeader("Content-Type", Problem.MEDIA_TYPE);
    if (retryAfterSeconds != null) {
      response.putHeader("Retry-After", Integer.toString(retryAfterSeconds));
    }
    if (stamped.status() == 401) {
      response.putHeader("WWW-Authenticate", "Bearer");
    }
    response.end(body);
  }

  private void failure(RoutingContext ctx) {
    Throwable failure = ctx.failure();
    if (failure instanceof ProblemException problem) {
      send(ctx, problem.problem(), problem.retryAfterSeconds());
    } else if (failure instanceof AuthenticationFailedException) {
      send(ctx, Problem.of(ProblemCode.INVALID_TOKEN, "The bearer token is invalid or expired"));
    } else if (failure instanceof UnauthorizedException) {
      send(ctx, Problem.of(ProblemCode.UNAUTHENTICATED, "A valid bearer token is required"));
    } else if (failure == null && ctx.statusCode() > 0 && ctx.statusCode() < 500) {
      ProblemCode code = ProblemCode.forStatus(ctx.statusCode());
      send(ctx, Problem.of(ctx.statusCode(), code.code(), code.title(), code.title()));
    } else {
      LOG.errorf(
          failure,
          "Unexpected error on %s (request %s)",
          ctx.request().path(),
          RequestIds.current());
      send(
          ctx,
          Problem.of(
              ProblemCode.INTERNAL_ERROR,
              "An unexpected error occurred; quote the requestId when reporting it"));
    }
  }
}
