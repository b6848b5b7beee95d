package io.switchboard.bench.load;

import io.vertx.core.AbstractVerticle;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.util.Map;
import java.util.Set;

/**
 * The floor of scenario 1 on this stack: a reverse proxy written straight on Vert.x (the server
 * and HTTP client the gateway is built on), with nothing else: no token check, no routing table,
 * no metrics, no request id, no Quarkus. It relays like the gateway does (headers copied once but
 * for the hop-by-hop ones, body piped both ways, one client per event loop), so the gateway's
 * figures can be split into what Vert.x and Netty cost and what the gateway adds on top.
 *
 * <p>Usage: {@code java -cp load.jar io.switchboard.bench.load.BareProxy <port> <upstream port>
 * [event loops=2 x cores, Vert.x' default]}.
 */
public final class BareProxy {

  /** Not relayed: meant for one connection only (RFC 9110 §7.6.1). */
  private static final Set<String> HOP_BY_HOP =
      Set.of("connection", "keep-alive", "te", "trailer", "transfer-encoding", "upgrade", "host");

  private BareProxy() {}

  public static void main(String[] args) {
    int port = Integer.parseInt(args[0]);
    int upstreamPort = Integer.parseInt(args[1]);
    int loops =
        args.length > 2
            ? Integer.parseInt(args[2])
            : 2 * Runtime.getRuntime().availableProcessors();
    Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(loops));
    vertx
        .deployVerticle(
            () -> new Relay(port, upstreamPort), new DeploymentOptions().setInstances(loops))
        .toCompletionStage()
        .toCompletableFuture()
        .join();
    System.out.println("bare proxy listening on 127.0.0.1:" + port);
  }

  /** One per event loop: its server and its own pooled client, so an exchange stays on it. */
  private static final class Relay extends AbstractVerticle {

    private final int port;
    private final int upstreamPort;
    private HttpClient client;

    Relay(int port, int upstreamPort) {
      this.port = port;
      this.upstreamPort = upstreamPort;
    }

    @Override
    public void start(Promise<Void> started) {
      client =
          vertx.createHttpClient(
              new HttpClientOptions().setKeepAlive(true), new PoolOptions().setHttp1MaxSize(64));
      vertx
          .createHttpServer(new HttpServerOptions().setPort(port).setHost("127.0.0.1"))
          .requestHandler(this::relay)
          .listen()
          .<Void>mapEmpty()
          .onComplete(started);
    }

    private void relay(HttpServerRequest request) {
      request.pause();
      client
          .request(
              new RequestOptions()
                  .setHost("127.0.0.1")
                  .setPort(upstreamPort)
                  .setMethod(request.method())
                  .setURI(request.uri()))
          .compose(
              upstream -> {
                for (Map.Entry<String, String> header : request.headers()) {
                  if (!HOP_BY_HOP.contains(header.getKey().toLowerCase())) {
                    upstream.headers().add(header.getKey(), header.getValue());
                  }
                }
                upstream.headers().set("X-Forwarded-For", request.remoteAddress().hostAddress());
                // as the gateway: chunked only when the client's body came in chunks
                String encoding = request.getHeader("Transfer-Encoding");
                upstream.setChunked(encoding != null && encoding.contains("chunked"));
                var answer = upstream.response();
                request.pipeTo(upstream);
                return answer;
              })
          .onComplete(
              answer -> {
                if (answer.failed()) {
                  request.resume();
                  request.response().setStatusCode(502).end();
                  return;
                }
                var response = request.response().setStatusCode(answer.result().statusCode());
                for (Map.Entry<String, String> header : answer.result().headers()) {
                  if (!HOP_BY_HOP.contains(header.getKey().toLowerCase())) {
                    response.headers().add(header.getKey(), header.getValue());
                  }
                }
                response.send(answer.result());
              });
    }
  }
}
