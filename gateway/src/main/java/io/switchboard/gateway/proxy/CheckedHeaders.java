package io.switchboard.gateway.proxy;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.impl.HttpClientRequestImpl;
import io.vertx.core.http.impl.headers.HeadersMultiMap;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import org.jboss.logging.Logger;

/**
 * Copies a request's headers to the service without Vert.x checking each one a second time.
 *
 * <p>Vert.x checks every header put into a request's header map for characters HTTP forbids
 * (control characters, DEL, separators in names): one pass over each value, character by character.
 * A request the gateway received over HTTP/1.x already went through that very check: Vert.x'
 * decoder reads its headers into such a checking map ({@code VertxHttpRequestDecoder} creates
 * {@code HeadersMultiMap.httpHeaders()}), and every header a filter adds goes through it too.
 * Copying them into the client request checked them all over again; with an access token of ~800
 * characters that was 6 % of the gateway's CPU per proxied request (JFR, scenario 1 of
 * bench/README.md).
 *
 * <p>The client request keeps its header map in a private field, created on first use; this puts
 * Vert.x' own non-checking map there first ({@code HeadersMultiMap.headers()}), and only for a
 * request received over HTTP/1.x (whose headers were checked as above) and only when the field is
 * still empty. What the relay adds itself is built from checked values (the peer's address, the
 * request's scheme and authority). Should a Vert.x version rename the field, this logs once at
 * start and every copy is checked as before.
 */
@RegisterForReflection(targets = HttpClientRequestImpl.class, fields = true)
final class CheckedHeaders {

  private static final Logger LOG = Logger.getLogger(CheckedHeaders.class);

  private static final VarHandle HEADERS = headersField();

  private CheckedHeaders() {}

  /**
   * The header map of {@code upstream} to copy the headers of {@code received} into: one that does
   * not check them again when {@code received}'s were checked as they were read, else the usual.
   */
  static MultiMap target(HttpServerRequest received, HttpClientRequest upstream) {
    if (HEADERS != null
        && upstream.getClass() == HttpClientRequestImpl.class
        && received.version() != HttpVersion.HTTP_2) {
      HeadersMultiMap unchecked = HeadersMultiMap.headers();
      if (HEADERS.compareAndSet(upstream, (HeadersMultiMap) null, unchecked)) {
        return unchecked;
      }
    }
    return upstream.headers();
  }

  /** Whether copies skip the second check (false when Vert.x no longer has the field). */
  static boolean available() {
    return HEADERS != null;
  }

  private static VarHandle headersField() {
    try {
      return MethodHandles.privateLookupIn(HttpClientRequestImpl.class, MethodHandles.lookup())
          .findVarHandle(HttpClientRequestImpl.class, "headers", HeadersMultiMap.class);
    } catch (ReflectiveOperationException | RuntimeException e) {
      LOG.warnf(
          "Vert.x' client request has no header field as expected (%s): proxied requests' headers"
              + " are checked twice",
          e);
      return null;
    }
  }
}
