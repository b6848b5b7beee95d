package io.switchboard.gateway.proxy;

import io.switchboard.defaults.problem.ProblemRoutes;
import io.switchboard.defaults.request.RequestIds;
import io.switchboard.gateway.client.UpstreamClients;
import io.switchboard.gateway.config.UpstreamService;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.HostAndPort;
import io.vertx.core.net.SocketAddress;
import io.vertx.core.streams.Pipe;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Locale;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Streams one request to a service and its answer back, body and all, never buffering either. The
 * method, normalized path, query, body and end-to-end headers ({@code Authorization}, {@code
 * X-Request-Id}, {@code traceparent}, ...) go through unchanged, hop-by-hop headers ({@code
 * Connection}, {@code Keep-Alive}, {@code TE}, ..., and those {@code Connection} names; RFC 9110
 * §7.6.1) do not; {@code X-Forwarded-For/-Proto/-Host} are added, and the answer gets a {@code
 * Date} when the service sent none. A service that cannot be reached or does not answer in time
 * gets the client a problem (503, 504 or 502) instead of a hang.
 *
 * <p>The relay is written against Vert.x' HTTP client and server directly: each header is copied
 * once, straight from one side to the other (a general-purpose proxy library copied them twice
 * more, parsed cache headers and computed the absolute URI of every request).
 */
@ApplicationScoped
public class UpstreamForwarder {

  private static final Logger LOG = Logger.getLogger(UpstreamForwarder.class);

  /** Meant for one connection only, never forwarded (either way). */
  private static final MultiMap HOP_BY_HOP =
      names(
          "connection",
          "keep-alive",
          "proxy-authenticate",
          "proxy-authorization",
          "proxy-connection",
          "te",
          "trailer",
          "transfer-encoding",
          "upgrade",
          "host");

  private final UpstreamClients clients;
  private final ProblemRoutes problems;
  private final ProxyMetrics metrics;

  public UpstreamForwarder(UpstreamClients clients, ProblemRoutes problems, ProxyMetrics metrics) {
    this.clients = clients;
    this.problems = problems;
    this.metrics = metrics;
  }

  public void forward(RoutingContext ctx, UpstreamService service) {
    HttpServerRequest request = ctx.request();
    String query = request.query();
    RequestOptions options =
        clients
            .proxyOptions(service)
            .setMethod(request.method())
            .setURI(ctx.normalizedPath() + (query == null ? "" : "?" + query));
    long start = System.nanoTime();
    clients
        .proxyClient(service)
        .request(options)
        .compose(upstream -> send(request, upstream))
        .onComplete(
            answer -> {
              long elapsed = System.nanoTime() - start;
              if (answer.succeeded()) {
                metrics.record(service, Outcome.of(answer.result().statusCode()), elapsed);
                relay(service, answer.result(), request);
              } else {
                UpstreamFailure failure = UpstreamFailure.classify(answer.cause());
                metrics.record(service, failure.outcome(), elapsed);
                LOG.warnf(
                    "%s %s: %s %s (%s)",
                    request.method(),
                    request.path(),
                    service.serviceName(),
                    failure.name().toLowerCase(Locale.ROOT),
                    answer.cause().getMessage());
                // whatever of the body has not gone out is read and dropped
                request.resume();
                problems.send(ctx, failure.problem(service));
              }
            });
  }

  /** Sends the request's head, then streams its body; completes with the service's answer head. */
  private static Future<HttpClientResponse> send(
      HttpServerRequest request, HttpClientRequest upstream) {
    MultiMap headers = CheckedHeaders.target(request, upstream);
    copyEndToEnd(request.headers(), headers, null);
    addForwardedHeaders(request, headers);
    HostAndPort authority = request.authority();
    if (authority != null) {
      upstream.authority(authority);
    }
    // A body comes with a Content-Length (copied above) or in chunks; without either there is none.
    upstream.setChunked(isChunked(request.headers()));
    Future<HttpClientResponse> answer = upstream.response();
    Pipe<Buffer> body = request.pipe();
    // a body cut short must not reach the service as a whole one
    body.endOnFailure(false);
    body.to(upstream)
        .onFailure(
            error -> {
              LOG.debugf("Streaming a request body to the service broke off: %s", error);
              upstream.reset();
            });
    return answer;
  }

  private static void relay(
      UpstreamService service, HttpClientResponse answer, HttpServerRequest request) {
    HttpServerResponse response = request.response();
    response.setStatusCode(answer.statusCode());
    if (answer.statusMessage() != null) {
      response.setStatusMessage(answer.statusMessage());
    }
    MultiMap headers = response.headers();
    // The gateway already answers with the request id.
    copyEndToEnd(answer.headers(), headers, RequestIds.HEADER);
    if (!headers.contains(HttpHeaders.DATE)) {
      headers.set(HttpHeaders.DATE, HttpDate.now());
    }
    if (!headers.contains(HttpHeaders.CONTENT_LENGTH)) {
      if (request.version() == HttpVersion.HTTP_1_0) {
        // no chunks in HTTP/1.0: the whole answer, then its length
        answer
            .body()
            .compose(response::end)
            .onFailure(error -> brokeOff(service, error, answer, response));
        return;
      }
      response.setChunked(true);
    }
    Pipe<Buffer> body = answer.pipe();
    body.endOnFailure(false);
    body.to(response).onFailure(error -> brokeOff(service, error, answer, response));
  }

  private static void brokeOff(
      UpstreamService service,
      Throwable error,
      HttpClientResponse answer,
      HttpServerResponse response) {
    LOG.debugf("Relaying the answer of %s broke off: %s", service.serviceName(), error);
    answer.request().reset();
    response.reset();
  }

  /**
   * Copies the end-to-end headers of one side to the other: not the hop-by-hop ones, not those its
   * {@code Connection} header names, not {@code skip} (when given).
   */
  private static void copyEndToEnd(MultiMap from, MultiMap to, String skip) {
    MultiMap named = connectionOptions(from);
    for (Map.Entry<String, String> header : from) {
      String name = header.getKey();
      if (!HOP_BY_HOP.contains(name)
          && (named == null || !named.contains(name))
          && (skip == null || !skip.equalsIgnoreCase(name))) {
        to.add(name, header.getValue());
      }
    }
  }

  /**
   * The header names a {@code Connection} header lists (also meant for this connection only, RFC
   * 9110 §7.6.1), or null when it lists none beyond the usual {@code close} or {@code keep-alive}.
   */
  private static MultiMap connectionOptions(MultiMap headers) {
    String connection = headers.get(HttpHeaders.CONNECTION);
    if (connection == null) {
      return null;
    }
    MultiMap named = null;
    for (String option : connection.split(",")) {
      String name = option.trim();
      if (!name.isEmpty() && !HOP_BY_HOP.contains(name) && !name.equalsIgnoreCase("close")) {
        if (named == null) {
          named = MultiMap.caseInsensitiveMultiMap();
        }
        named.add(name, "");
      }
    }
    return named;
  }

  private static boolean isChunked(MultiMap headers) {
    String encoding = headers.get(HttpHeaders.TRANSFER_ENCODING);
    return encoding != null && encoding.toLowerCase(Locale.ROOT).contains("chunked");
  }

  private static void addForwardedHeaders(HttpServerRequest request, MultiMap headers) {
    // The peer of this connection, as X-Forwarded-For wants it (each hop appends who it heard
    // from), and without Vert.x Web's Forwarded parsing of request.remoteAddress() on every
    // request.
    SocketAddress peer = request.connection().remoteAddress();
    if (peer != null && peer.hostAddress() != null) {
      String previous = headers.get("X-Forwarded-For");
      headers.set(
          "X-Forwarded-For",
          previous == null || previous.isBlank()
              ? peer.hostAddress()
              : previous + ", " + peer.hostAddress());
    }
    headers.set("X-Forwarded-Proto", request.scheme() == null ? "http" : request.scheme());
    HostAndPort authority = request.authority();
    if (authority != null) {
      headers.set("X-Forwarded-Host", authority.toString());
    }
  }

  /** A set of header names, looked up without regard to case and without allocating. */
  private static MultiMap names(String... names) {
    MultiMap set = MultiMap.caseInsensitiveMultiMap();
    for (String name : names) {
      set.add(name, "");
    }
    return set;
  }
}
