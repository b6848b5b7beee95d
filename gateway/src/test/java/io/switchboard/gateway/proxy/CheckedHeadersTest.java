package io.switchboard.gateway.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.RequestOptions;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Real Vert.x requests on both sides: a server receives one and opens a client request from it. */
class CheckedHeadersTest {

  private static final String FORBIDDEN = "a\u0001b";

  private static Vertx vertx;
  private static HttpServer server;
  private static volatile Consumer<HttpServerRequest> onRequest;

  @BeforeAll
  static void start() throws Exception {
    vertx = Vertx.vertx();
    server =
        vertx
            .createHttpServer()
            .requestHandler(
                request -> {
                  if (request.path().equals("/out")) {
                    request.response().end();
                    return;
                  }
                  onRequest.accept(request);
                })
            .listen(0, "127.0.0.1")
            .toCompletionStage()
            .toCompletableFuture()
            .get(10, TimeUnit.SECONDS);
  }

  @AfterAll
  static void stop() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Test
  void shouldNotCheckAgainTheHeadersOfARequestReceivedOverHttp1() throws Exception {
    assertThat(CheckedHeaders.available()).isTrue();

    String answer = receive(new HttpClientOptions(), CheckedHeadersTest::copyForbidden);

    // the map the relay copies into is the client request's own, and it does not check
    assertThat(answer).isEqualTo("same map, not checked");
  }

  @Test
  void shouldStillCheckTheHeadersOfARequestReceivedOverHttp2() throws Exception {
    HttpClientOptions http2 =
        new HttpClientOptions()
            .setProtocolVersion(HttpVersion.HTTP_2)
            .setHttp2ClearTextUpgrade(false);

    String answer = receive(http2, CheckedHeadersTest::copyForbidden);

    assertThat(answer).isEqualTo("HTTP_2: checked");
  }

  @Test
  void shouldLeaveAClientRequestWhoseHeadersWereAlreadyInUse() throws Exception {
    String answer =
        receive(
            new HttpClientOptions(),
            (received, upstream) -> {
              upstream.headers().add("X-Early", "1");
              assertThatThrownBy(
                      () -> CheckedHeaders.target(received, upstream).add("X-Bad", FORBIDDEN))
                  .isInstanceOf(IllegalArgumentException.class);
              return CheckedHeaders.target(received, upstream).get("X-Early");
            });

    assertThat(answer).isEqualTo("1");
  }

  private static Object copyForbidden(HttpServerRequest received, HttpClientRequest upstream) {
    var headers = CheckedHeaders.target(received, upstream);
    try {
      headers.add("X-Bad", FORBIDDEN);
    } catch (IllegalArgumentException checked) {
      return received.version() + ": checked";
    }
    return (headers == upstream.headers() ? "same map" : "another map") + ", not checked";
  }

  /**
   * Sends a request to the server, which opens a client request and answers what {@code check}
   * says.
   */
  private static String receive(
      HttpClientOptions clientOptions,
      BiFunction<HttpServerRequest, HttpClientRequest, Object> check)
      throws Exception {
    HttpClient upstreams = vertx.createHttpClient();
    HttpClient client = vertx.createHttpClient(clientOptions);
    int port = server.actualPort();
    onRequest =
        received ->
            upstreams
                .request(
                    new RequestOptions()
                        .setHost("127.0.0.1")
                        .setPort(port)
                        .setMethod(HttpMethod.GET)
                        .setURI("/out"))
                .onSuccess(
                    upstream -> {
                      Object result;
                      try {
                        result = check.apply(received, upstream);
                      } catch (Throwable e) {
                        result = e.toString();
                      }
                      upstream.exceptionHandler(ignored -> {}).reset(); // never sent
                      received.response().end(String.valueOf(result));
                    })
                .onFailure(e -> received.response().setStatusCode(500).end(e.toString()));
    try {
      return client
          .request(HttpMethod.GET, port, "127.0.0.1", "/in")
          .compose(request -> request.send())
          .compose(response -> response.body())
          .map(Object::toString)
          .toCompletionStage()
          .toCompletableFuture()
          .get(10, TimeUnit.SECONDS);
    } finally {
      client.close();
      upstreams.close();
    }
  }
}
