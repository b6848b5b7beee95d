package io.switchboard.gateway.ws;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.quarkus.vertx.http.runtime.filters.QuarkusRequestWrapper;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.lang.reflect.Method;
import org.jboss.logging.Logger;

/**
 * Tells Quarkus' graceful stop that a {@code /ws} request is over once it has become a WebSocket.
 *
 * <p>Quarkus counts every HTTP request from its start until its response ends or its connection
 * closes, and on SIGTERM waits (up to {@code quarkus.shutdown.timeout}) for that count to reach
 * zero. An upgraded request never does either as Quarkus sees it, so each WebSocket ever served,
 * even one closed long before, kept the count above zero and every stop took the whole timeout
 * (measured: 10.4 s instead of 0.5 s, bench/gateway/stop.sh). Open sockets are not requests in
 * flight: {@link SocketRegistry} closes them with 1012 at the stop. The "request done" hook Quarkus
 * uses is package-private ({@code QuarkusRequestWrapper.done()}), hence the reflection; should a
 * Quarkus version rename it, this logs once and the stop waits as before.
 */
@ApplicationScoped
@RegisterForReflection(targets = QuarkusRequestWrapper.class, methods = true)
public class UpgradedRequests {

  private static final Logger LOG = Logger.getLogger(UpgradedRequests.class);

  /** After the shared filters (request id, body limit, token size), before any route. */
  static final int PRIORITY = 5_000;

  private static final Method DONE = doneMethod();

  void register(@Observes Filters filters) {
    filters.register(
        ctx -> {
          HttpServerRequest request = ctx.request();
          boolean upgrade = "/ws".equals(ctx.normalizedPath()) && isWebSocketUpgrade(request);
          ctx.next();
          if (upgrade) {
            // The WebSocket endpoint has taken the request over (its handshake is not refused
            // with an HTTP answer: a bad token is a close code): from here on it is a socket.
            release(request);
          }
        },
        PRIORITY);
  }

  static boolean isWebSocketUpgrade(HttpServerRequest request) {
    String upgrade = request.getHeader(HttpHeaders.UPGRADE);
    return upgrade != null && upgrade.equalsIgnoreCase("websocket");
  }

  /** Counts the request as done for the graceful stop (at most once, as Quarkus guards it). */
  static void release(HttpServerRequest request) {
    if (DONE == null) {
      return;
    }
    try {
      DONE.invoke(QuarkusRequestWrapper.get(request));
    } catch (ReflectiveOperationException | RuntimeException e) {
      LOG.debugf("Could not mark the upgraded request done: %s", e.toString());
    }
  }

  private static Method doneMethod() {
    try {
      Method done = QuarkusRequestWrapper.class.getDeclaredMethod("done");
      done.setAccessible(true);
      return done;
    } catch (ReflectiveOperationException | RuntimeException e) {
      LOG.warnf(
          "Quarkus' request-done hook is not there (%s): a stop waits for"
              + " quarkus.shutdown.timeout once a WebSocket was served",
          e.toString());
      return null;
    }
  }
}
