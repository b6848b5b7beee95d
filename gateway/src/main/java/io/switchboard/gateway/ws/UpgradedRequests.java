package io.switchboard.gateway.ws;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.quarkus.vertx.http.runtime.filters.QuarkusRequestWrapper;
import io.quarkus.websockets.next.HandshakeRequest;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * Tells Quarkus' graceful stop that a {@code /ws} request is over when its WebSocket closes.
 *
 * <p>Quarkus counts every HTTP request from its start until its response ends or its connection
 * closes, and on SIGTERM waits (up to {@code quarkus.shutdown.timeout}) for that count to reach
 * zero. An upgraded request does neither as Quarkus sees it, so each WebSocket ever served, even
 * one closed long before, kept the count above zero and every stop took the whole timeout
 * (measured: 10.4 s instead of 0.4 s, bench/gateway/stop.sh). Counted done when the socket closes
 * (not at the upgrade), the stop still waits for {@link SocketRegistry}'s drain, which closes every
 * socket with 1012 as the shutdown delay ends, and then goes on at once.
 *
 * <p>The filter stamps each {@code /ws} request with a private header (any value a client sent is
 * replaced) that the endpoint finds again in the handshake on close. Other requests are left alone
 * (nothing reads the header there; a check per proxied request would only cost). The "request done"
 * hook is package-private in Quarkus ({@code QuarkusRequestWrapper.done()}), hence the reflection;
 * should a Quarkus version rename it, this logs once and a stop waits as before.
 */
@ApplicationScoped
@RegisterForReflection(targets = QuarkusRequestWrapper.class, methods = true)
public class UpgradedRequests {

  private static final Logger LOG = Logger.getLogger(UpgradedRequests.class);

  /** After the shared filters (request id, body limit, token size), before any route. */
  static final int PRIORITY = 5_000;

  /** The private header naming a {@code /ws} request. */
  static final String KEY = "X-Switchboard-Upgrade";

  private static final Method DONE = doneMethod();

  private final AtomicLong keys = new AtomicLong();
  private final Map<String, QuarkusRequestWrapper> open = new ConcurrentHashMap<>();

  void register(@Observes Filters filters) {
    filters.register(
        ctx -> {
          HttpServerRequest request = ctx.request();
          if ("/ws".equals(ctx.normalizedPath()) && isWebSocketUpgrade(request)) {
            track(request);
          }
          ctx.next();
        },
        PRIORITY);
  }

  private void track(HttpServerRequest request) {
    String key = Long.toString(keys.incrementAndGet());
    request.headers().set(KEY, key);
    QuarkusRequestWrapper wrapper;
    try {
      wrapper = QuarkusRequestWrapper.get(request);
    } catch (RuntimeException e) {
      return; // not a request Quarkus counts
    }
    open.put(key, wrapper);
    // answered over HTTP instead (a refused handshake): Quarkus counted it done itself
    wrapper.addRequestDoneHandler(done -> open.remove(key));
  }

  /** The WebSocket of this handshake has closed: its request is done. */
  public void closed(HandshakeRequest handshake) {
    String key = handshake.header(KEY);
    QuarkusRequestWrapper wrapper = key == null ? null : open.remove(key);
    if (wrapper != null && DONE != null) {
      try {
        DONE.invoke(wrapper);
      } catch (ReflectiveOperationException | RuntimeException e) {
        LOG.debugf("Could not mark the upgraded request done: %s", e.toString());
      }
    }
  }

  /** How many upgraded requests are still open (for tests). */
  int open() {
    return open.size();
  }

  private static boolean isWebSocketUpgrade(HttpServerRequest request) {
    String upgrade = request.getHeader(HttpHeaders.UPGRADE);
    return upgrade != null && upgrade.equalsIgnoreCase("websocket");
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
