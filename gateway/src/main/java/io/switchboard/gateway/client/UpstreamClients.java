package io.switchboard.gateway.client;

import io.netty.channel.EventLoop;
import io.smallrye.mutiny.Uni;
import io.switchboard.defaults.request.RequestIds;
import io.switchboard.gateway.config.GatewayConfig;
import io.switchboard.gateway.config.UpstreamEndpoint;
import io.switchboard.gateway.config.UpstreamService;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.impl.ContextInternal;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;

/**
 * The gateway's connections to the services: pooled keep-alive clients per service for proxied
 * traffic, and one small shared client for control requests (readiness probes, OpenAPI fetches), so
 * a burst of user traffic never starves the health checks.
 *
 * <p>Proxied traffic uses one client per service <em>per event loop</em>: a Vert.x pool hands out
 * any idle connection, and a connection opened by another event loop answers on that loop's thread,
 * so every proxied request would cross threads twice (request out, answer back), each crossing a
 * wake-up of another thread. With a pool per event loop, the connection the request goes out on
 * lives on the loop that serves the client, and the whole exchange stays on one thread.
 */
@ApplicationScoped
public class UpstreamClients {

  private static final int CONTROL_POOL_SIZE = 12;

  private final GatewayConfig config;
  private final Map<UpstreamService, UpstreamEndpoint> endpoints =
      new EnumMap<>(UpstreamService.class);
  private final Map<UpstreamService, HttpClient> proxyClients =
      new EnumMap<>(UpstreamService.class);
  private final Map<EventLoop, Map<UpstreamService, HttpClient>> loopClients =
      new ConcurrentHashMap<>();
  private final Vertx vertx;
  private final HttpClient control;

  public UpstreamClients(Vertx vertx, GatewayConfig config) {
    this.config = config;
    this.vertx = vertx;
    int connectMs = (int) config.timeouts().connect().toMillis();
    for (UpstreamService service : UpstreamService.values()) {
      GatewayConfig.Service settings = config.services().get(service.key());
      if (settings == null) {
        throw new IllegalStateException(
            "switchboard.gateway.services." + service.key() + ".url is not set");
      }
      endpoints.put(service, UpstreamEndpoint.parse(service.key(), settings.url()));
    }
    proxyClients.putAll(newProxyClients());
    control =
        vertx.createHttpClient(
            new HttpClientOptions()
                .setKeepAlive(true)
                .setConnectTimeout(connectMs)
                .setName("gateway-control"),
            new PoolOptions().setHttp1MaxSize(CONTROL_POOL_SIZE));
  }

  /**
   * The pooled client that carries proxied requests to the service: on an event loop, that loop's
   * own (created on first use), elsewhere a shared one.
   */
  public HttpClient proxyClient(UpstreamService service) {
    Context context = Vertx.currentContext();
    if (context instanceof ContextInternal internal && context.isEventLoopContext()) {
      return loopClients
          .computeIfAbsent(internal.nettyEventLoop(), loop -> newProxyClients())
          .get(service);
    }
    return proxyClients.get(service);
  }

  private Map<UpstreamService, HttpClient> newProxyClients() {
    Map<UpstreamService, HttpClient> clients = new EnumMap<>(UpstreamService.class);
    int connectMs = (int) config.timeouts().connect().toMillis();
    endpoints.forEach(
        (service, endpoint) ->
            clients.put(
                service,
                vertx.createHttpClient(
                    new HttpClientOptions()
                        .setKeepAlive(true)
                        .setConnectTimeout(connectMs)
                        .setSsl(endpoint.ssl())
                        .setName("gateway-" + service.serviceName()),
                    new PoolOptions().setHttp1MaxSize(config.poolSize()))));
    return clients;
  }

  /** Where a proxied request to the service goes, with the configured timeouts. */
  public RequestOptions proxyOptions(UpstreamService service) {
    return target(service)
        .setConnectTimeout(config.timeouts().connect().toMillis())
        .setIdleTimeout(config.timeouts().request().toMillis());
  }

  /**
   * A {@code GET} of a small JSON resource of the service, failing with a {@link TimeoutException}
   * when the whole answer has not arrived within {@code timeout}.
   */
  public Uni<UpstreamReply> get(UpstreamService service, String uri, Duration timeout) {
    RequestOptions options =
        target(service)
            .setMethod(HttpMethod.GET)
            .setURI(uri)
            .setConnectTimeout(timeout.toMillis())
            .setIdleTimeout(timeout.toMillis())
            .putHeader(HttpHeaders.ACCEPT, "application/json");
    long start = System.nanoTime();
    Future<UpstreamReply> reply =
        control
            .request(options)
            .compose(request -> request.send())
            .compose(
                response ->
                    response
                        .body()
                        .map(
                            body ->
                                new UpstreamReply(
                                    response.statusCode(),
                                    body,
                                    (System.nanoTime() - start) / 1_000_000)));
    return Uni.createFrom()
        .completionStage(reply.toCompletionStage())
        .ifNoItem()
        .after(timeout)
        .failWith(() -> new TimeoutException("No answer within " + timeout.toMillis() + " ms"));
  }

  /**
   * A {@code POST} of a small JSON body to the service on a user's behalf (their bearer token),
   * over the service's pooled client, failing when no answer comes within the request timeout.
   */
  public Future<UpstreamReply> postAsUser(
      UpstreamService service, String uri, String bearer, String requestId, Buffer body) {
    RequestOptions options =
        proxyOptions(service)
            .setMethod(HttpMethod.POST)
            .setURI(uri)
            .putHeader(HttpHeaders.AUTHORIZATION, "Bearer " + bearer)
            .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
            .putHeader(HttpHeaders.ACCEPT, "application/json")
            .putHeader(RequestIds.HEADER, requestId);
    long start = System.nanoTime();
    return proxyClient(service)
        .request(options)
        .compose(request -> request.send(body))
        .compose(
            response ->
                response
                    .body()
                    .map(
                        answer ->
                            new UpstreamReply(
                                response.statusCode(),
                                answer,
                                (System.nanoTime() - start) / 1_000_000)));
  }

  /**
   * A {@code POST} of a small JSON body to the service without a token (a public endpoint, e.g. a
   * token exchange), over the service's pooled client, within the request timeout.
   */
  public Future<UpstreamReply> postPublic(
      UpstreamService service, String uri, String requestId, String clientIp, Buffer body) {
    RequestOptions options =
        proxyOptions(service)
            .setMethod(HttpMethod.POST)
            .setURI(uri)
            .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
            .putHeader(HttpHeaders.ACCEPT, "application/json")
            .putHeader(RequestIds.HEADER, requestId);
    if (clientIp != null) {
      options.putHeader("X-Forwarded-For", clientIp);
    }
    long start = System.nanoTime();
    return proxyClients
        .get(service)
        .request(options)
        .compose(request -> request.send(body))
        .compose(
            response ->
                response
                    .body()
                    .map(
                        answer ->
                            new UpstreamReply(
                                response.statusCode(),
                                answer,
                                (System.nanoTime() - start) / 1_000_000)));
  }

  private RequestOptions target(UpstreamService service) {
    UpstreamEndpoint endpoint = endpoints.get(service);
    return new RequestOptions()
        .setHost(endpoint.host())
        .setPort(endpoint.port())
        .setSsl(endpoint.ssl());
  }

  @PreDestroy
  void close() {
    proxyClients.values().forEach(HttpClient::close);
    loopClients.values().forEach(clients -> clients.values().forEach(HttpClient::close));
    control.close();
  }
}
