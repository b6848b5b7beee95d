package io.switchboard.gateway.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import com.sun.net.httpserver.HttpServer;
import io.switchboard.gateway.config.GatewayConfig;
import io.switchboard.gateway.config.UpstreamService;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.impl.HttpClientConnection;
import io.vertx.core.impl.ContextInternal;
import io.vertx.core.impl.VertxInternal;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Proxied traffic stays on the event loop that serves the client: one pool per loop. */
class UpstreamClientsTest {

  private HttpServer upstream;
  private Vertx vertx;
  private UpstreamClients clients;

  @BeforeEach
  void start() throws Exception {
    upstream = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    upstream.createContext(
        "/",
        exchange -> {
          byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    upstream.start();
    vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2));
    clients =
        new UpstreamClients(vertx, config("http://127.0.0.1:" + upstream.getAddress().getPort()));
  }

  @AfterEach
  void stop() throws Exception {
    clients.close();
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    upstream.stop(0);
  }

  @Test
  void shouldSendEachRequestOnAConnectionOfTheCallersEventLoop() throws Exception {
    // two contexts, on the two event loops (handed out in turn)
    Context first = ((VertxInternal) vertx).createEventLoopContext();
    Context second = ((VertxInternal) vertx).createEventLoopContext();
    assertEquals(2, List.of(loop(first), loop(second)).stream().distinct().count());
    List<Object[]> seen = new ArrayList<>();
    // alternate, sequentially, so an idle connection opened by the other loop is there to reuse
    for (int i = 0; i < 6; i++) {
      Context caller = i % 2 == 0 ? first : second;
      seen.add(new Object[] {loop(caller), connectionLoop(caller)});
    }
    for (Object[] pair : seen) {
      assertSame(pair[0], pair[1], "the connection belongs to another event loop");
    }
  }

  @Test
  void shouldUseOneClientPerEventLoopAndASharedOneElsewhere() throws Exception {
    Context context = ((VertxInternal) vertx).createEventLoopContext();
    HttpClient onLoop = onContext(context, () -> clients.proxyClient(UpstreamService.AGENT));
    HttpClient again = onContext(context, () -> clients.proxyClient(UpstreamService.AGENT));
    HttpClient other = onContext(context, () -> clients.proxyClient(UpstreamService.VAULT));
    assertSame(onLoop, again);
    assertEquals(false, onLoop == other);
    assertEquals(false, onLoop == clients.proxyClient(UpstreamService.AGENT));
  }

  private Object connectionLoop(Context caller) throws Exception {
    CompletableFuture<Object> loop = new CompletableFuture<>();
    caller.runOnContext(
        v ->
            clients
                .proxyClient(UpstreamService.AGENT)
                .request(
                    clients
                        .proxyOptions(UpstreamService.AGENT)
                        .setMethod(HttpMethod.GET)
                        .setURI("/x"))
                .compose(
                    request -> {
                      Object owner =
                          ((HttpClientConnection) request.connection())
                              .channelHandlerContext()
                              .channel()
                              .eventLoop();
                      return request.send().compose(r -> r.body()).map(body -> owner);
                    })
                .onComplete(
                    done -> {
                      if (done.succeeded()) {
                        loop.complete(done.result());
                      } else {
                        loop.completeExceptionally(done.cause());
                      }
                    }));
    return loop.get(10, TimeUnit.SECONDS);
  }

  private static Object loop(Context context) {
    return ((ContextInternal) context).nettyEventLoop();
  }

  private static <T> T onContext(Context context, java.util.function.Supplier<T> work)
      throws Exception {
    CompletableFuture<T> result = new CompletableFuture<>();
    context.runOnContext(v -> result.complete(work.get()));
    return result.get(10, TimeUnit.SECONDS);
  }

  private static GatewayConfig config(String url) {
    GatewayConfig.Service service = () -> url;
    GatewayConfig.Timeouts timeouts =
        new GatewayConfig.Timeouts() {
          @Override
          public Duration connect() {
            return Duration.ofSeconds(2);
          }

          @Override
          public Duration request() {
            return Duration.ofSeconds(10);
          }

          @Override
          public Duration healthProbe() {
            return Duration.ofSeconds(2);
          }
        };
    Map<String, GatewayConfig.Service> services =
        Map.of(
            "auth",
            service,
            "agent",
            service,
            "model",
            service,
            "skill",
            service,
            "vault",
            service,
            "pipeline",
            service);
    return new GatewayConfig() {
      @Override
      public Map<String, Service> services() {
        return services;
      }

      @Override
      public Timeouts timeouts() {
        return timeouts;
      }

      @Override
      public int poolSize() {
        return 4;
      }

      @Override
      public Duration probeInterval() {
        return Duration.ZERO;
      }

      @Override
      public Duration openapiCacheTtl() {
        return Duration.ofSeconds(30);
      }

      @Override
      public int tokenCacheSize() {
        return 10;
      }

      @Override
      public WebSocket ws() {
        return null;
      }

      @Override
      public Keycloak keycloak() {
        return null;
      }
    };
  }
}
