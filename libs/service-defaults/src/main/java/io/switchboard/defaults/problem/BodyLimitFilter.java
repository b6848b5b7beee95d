package io.switchboard.defaults.problem;

import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.vertx.http.runtime.filters.Filters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Answers a request whose declared {@code Content-Length} is over {@code
 * quarkus.http.limits.max-body-size} with a 413 problem before its body is read. (A chunked body
 * over the limit is stopped by the HTTP layer and reaches {@link ProblemRoutes}' failure handler.)
 */
@ApplicationScoped
public class BodyLimitFilter {

  /** After the request id is set, before anything reads the body. */
  static final int PRIORITY = 9_000;

  private final long maxBodyBytes;
  private final ProblemRoutes problems;

  public BodyLimitFilter(
      @ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize maxBodySize,
      ProblemRoutes problems) {
    this.maxBodyBytes = maxBodySize.asLongValue();
    this.problems = problems;
  }

  void register(@Observes Filters filters) {
    filters.register(
        ctx -> {
          String declared = ctx.request().getHeader("Content-Length");
          if (declared != null && isOver(declared)) {
            ctx.response().putHeader("Connection", "close");
            problems.send(
                ctx,
                Problem.of(
                    ProblemCode.PAYLOAD_TOO_LARGE,
                    "The request body is over the limit of " + maxBodyBytes + " bytes"));
            return;
          }
          ctx.next();
        },
        PRIORITY);
  }

  private boolean isOver(String declared) {
    try {
      return Long.parseLong(declared.trim()) > maxBodyBytes;
    } catch (NumberFormatException e) {
      return false;
    }
  }
}
