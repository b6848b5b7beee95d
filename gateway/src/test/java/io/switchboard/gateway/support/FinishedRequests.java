package io.switchboard.gateway.support;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.quarkus.vertx.http.runtime.filters.QuarkusRequestWrapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts the {@code /ws} requests Quarkus considers finished, as its graceful stop does (the
 * request-done handlers of its request wrapper): registered ahead of every other filter.
 */
@ApplicationScoped
public class FinishedRequests {

  private final AtomicInteger webSockets = new AtomicInteger();

  void register(@Observes Filters filters) {
    filters.register(
        ctx -> {
          if ("/ws".equals(ctx.normalizedPath())) {
            QuarkusRequestWrapper.get(ctx.request())
                .addRequestDoneHandler(done -> webSockets.incrementAndGet());
          }
          ctx.next();
        },
        Integer.MAX_VALUE - 1);
  }

  /** How many {@code /ws} requests have finished so far. */
  public int webSockets() {
    return webSockets.get();
  }
}
