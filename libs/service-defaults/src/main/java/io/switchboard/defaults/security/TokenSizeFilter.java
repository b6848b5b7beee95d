package io.switchboard.defaults.security;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.switchboard.defaults.problem.Problem;
import io.switchboard.defaults.problem.ProblemCode;
import io.switchboard.defaults.problem.ProblemRoutes;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Refuses a bearer token over {@link TokenClaims#MAX_TOKEN_CHARS} with a 401 before anything parses
 * it: real tokens are well under 2 KiB, and parsing attacker-sized input costs CPU.
 */
@ApplicationScoped
public class TokenSizeFilter {

  static final int PRIORITY = 8_000;

  private final ProblemRoutes problems;

  public TokenSizeFilter(ProblemRoutes problems) {
    this.problems = problems;
  }

  void register(@Observes Filters filters) {
    filters.register(
        ctx -> {
          String authorization = ctx.request().getHeader("Authorization");
          if (authorization != null && authorization.length() > TokenClaims.MAX_TOKEN_CHARS) {
            problems.send(
                ctx, Problem.of(ProblemCode.INVALID_TOKEN, "The bearer token is too large"));
            return;
          }
          ctx.next();
        },
        PRIORITY);
  }
}
