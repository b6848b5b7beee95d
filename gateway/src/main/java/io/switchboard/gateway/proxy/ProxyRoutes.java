package io.switchboard.gateway.proxy;

import io.quarkus.vertx.http.runtime.security.SecurityHandlerPriorities;
import io.smallrye.common.vertx.ContextLocals;
import io.switchboard.defaults.problem.Problem;
import io.switchboard.defaults.problem.ProblemCode;
import io.switchboard.defaults.problem.ProblemRoutes;
import io.switchboard.gateway.config.UpstreamService;
import io.switchboard.gateway.security.BearerTokenGuard;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Optional;

/**
 * The gateway's public surface: every path of {@link RouteTable} goes to its service, after the
 * bearer token is checked unless the path is public. {@code /internal/*} is never routed; any other
 * path falls through to the 404 problem of {@link ProblemRoutes}.
 *
 * <p>These routes run ahead of Quarkus' own authentication and authorization handlers and of
 * RESTEasy's (see {@link #ORDER}): the gateway checks bearer tokens itself ({@link
 * BearerTokenGuard}) and has no JAX-RS resource under these paths, so those handlers only cost CPU
 * on every proxied request (RESTEasy's observability builds a request mapper for each request it
 * cannot match). The shared filters (request id, body limit, token size) and CORS, when an operator
 * turns it on, still run first.
 */
@ApplicationScoped
public class ProxyRoutes {

  private static final String URL_PATH_TEMPLATE = "UrlPathTemplate";

  /**
   * The routes' order: after the CORS handler (filter priority 300, i.e. order -300) and before
   * authentication (priority 200) and everything after it.
   */
  static final int ORDER = -(SecurityHandlerPriorities.AUTHENTICATION + 50);

  private final UpstreamForwarder forwarder;
  private final BearerTokenGuard guard;
  private final ProblemRoutes problems;

  public ProxyRoutes(UpstreamForwarder forwarder, BearerTokenGuard guard, ProblemRoutes problems) {
    this.forwarder = forwarder;
    this.guard = guard;
    this.problems = problems;
  }

  void register(@Observes Router router) {
    router.route("/api/*").order(ORDER).handler(this::dispatch);
    router.route("/internal/*").order(ORDER).handler(this::dispatch);
    router.route(RouteTable.JWKS_PATH).order(ORDER).handler(this::dispatch);
  }

  private void dispatch(RoutingContext ctx) {
    String path = ctx.normalizedPath();
    if (RouteTable.isInternal(path)) {
      // The same answer as for a path that does not exist: nothing to learn from probing.
      problems.send(ctx, Problem.of(ProblemCode.NOT_FOUND, "No resource at this path"));
      return;
    }
    HttpMethod method = ctx.request().method();
    Optional<RouteTable.Route> route = RouteTable.route(method, path);
    if (route.isEmpty()) {
      ctx.next();
      return;
    }
    UpstreamService service = route.get().service();
    // http.server.requests is tagged by the route, not by the path (which carries ids): the key
    // Quarkus' HTTP metrics read a route template from, as for its own REST endpoints.
    ContextLocals.put(URL_PATH_TEMPLATE, route.get().template());
    if (RouteTable.isPublic(method, path)) {
      forwarder.forward(ctx, service);
    } else {
      guard.authenticate(ctx, () -> forwarder.forward(ctx, service));
    }
  }
}
