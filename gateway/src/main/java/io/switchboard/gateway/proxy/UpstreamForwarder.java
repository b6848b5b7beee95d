package io.switchboard.gateway.proxy;

import io.switchboard.defaults.problem.ProblemRoutes;
import io.switchboard.defaults.request.RequestIds;
import io.switchboard.gateway.client.UpstreamClients;
import io.switchboard.gateway.config.UpstreamService;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.HostAndPort;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.RoutingContext;
import io.vertx.httpproxy.ProxyRequest;
import io.vertx.httpproxy.ProxyResponse;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Locale;
import org.jboss.logging.Logger;

/**
 * Streams one request to a service and its answer back, body and all, never buffering either. The
 * method, normalized path, query, body and end-to-end headers ({@code Authorization}, {@code
 * X-Request-Id}, {@code traceparent}, ...) go through unchanged; {@code
 * X-Forwarded-For/-Proto/-Host} are added. A service that cannot be reached or does not answer in
 * time gets the client a problem (503, 504 or 502) instead of a hang.
 */
@ApplicationScoped
public class UpstreamForwarder {

  private static final Logger LOG = Logger.getLogger(UpstreamForwarder.class);

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
    ProxyRequest proxyRequest = ProxyRequest.reverseProxy(request);
    String query = request.query();
    proxyRequest.setURI(ctx.normalizedPath() + (query == null ? "" : "?" + query));
    addForwardedHeaders(request, proxyRequest.headers());
    long start = System.nanoTime();
    clients
        .proxyClient(service)
        .request(clients.proxyOptions(service))
        .compose(proxyRequest::send)
        .onComplete(
            answer -> {
              long elapsed = System.nanoTime() - start;
              if (answer.succeeded()) {
                metrics.record(service, Outcome.of(answer.result().getStatusCode()), elapsed);
                relay(service, answer.result());
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
                proxyRequest.release();
                problems.send(ctx, failure.problem(service));
              }
            });
  }

  private static void relay(UpstreamService service, ProxyResponse response) {
    // The gateway already answers with the request id; the connection is ours to manage.
    response.headers().remove(RequestIds.HEADER).remove("connection").remove("keep-alive");
    response
        .send()
        .onFailure(
            error ->
                LOG.debugf(
                    "Relaying the answer of %s broke off: %s", service.serviceName(), error));
  }

  private static void addForwardedHeaders(HttpServerRequest request, MultiMap headers) {
    SocketAddress peer = request.remoteAddress();
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
}
