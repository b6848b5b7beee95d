package io.switchboard.defaults.request;

import io.quarkus.vertx.http.runtime.filters.Filters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.MDC;

/**
 * Gives every request a correlation id: taken from {@code X-Request-Id} when the client sent an
 * acceptable one, created otherwise; echoed on the response and put in the log context.
 */
@ApplicationScoped
public class RequestIdFilter {

  /** Runs before everything else, security included, so every log line of a request has it. */
  static final int PRIORITY = 10_000;

  void register(@Observes Filters filters) {
    filters.register(
        ctx -> {
          String id = RequestIds.acceptOrCreate(ctx.request().getHeader(RequestIds.HEADER));
          ctx.put(RequestIds.MDC_KEY, id);
          ctx.request().headers().set(RequestIds.HEADER, id);
          ctx.response().putHeader(RequestIds.HEADER, id);
          MDC.put(RequestIds.MDC_KEY, id);
          ctx.addEndHandler(done -> MDC.remove(RequestIds.MDC_KEY));
          ctx.next();
        },
        PRIORITY);
  }
}
