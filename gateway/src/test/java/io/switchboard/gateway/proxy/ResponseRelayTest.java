package io.switchboard.gateway.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.httpproxy.ProxyRequest;
import io.vertx.httpproxy.ProxyResponse;
import io.vertx.httpproxy.impl.ParseUtils;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link ResponseRelay} against {@code vertx-http-proxy}'s own {@link ProxyResponse#send()}: the
 * same answers from a service that sends no {@code date} (unlike the JDK server of the other proxy
 * tests), relayed by one front with each, must reach the client alike.
 */
class ResponseRelayTest {

  private static final long NOV_6_1994 = 784_111_777L; // Sun, 06 Nov 1994 08:49:37 GMT

  private static Vertx vertx;
  private static HttpClient client;
  private static int library;
  private static int relay;

  @BeforeAll
  static void start() throws Exception {
    vertx = Vertx.vertx();
    client = vertx.createHttpClient();
    int upstream = listen(ResponseRelayTest::answer);
    // A client per front: its connections live on the front's event loop, as in the gateway (a
    // connection of another loop would answer on that loop's thread, racing the proxy's pause).
    library =
        listen(front(vertx.createHttpClient(), upstream, (response, request) -> response.send()));
    relay = listen(front(vertx.createHttpClient(), upstream, ResponseRelay::send));
  }

  @AfterAll
  static void stop() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  @Test
  void shouldRelayFixedLengthAnswerLikeTheLibrary() throws Exception {
    assertSameAnswer("/fixed");
  }

  @Test
  void shouldRelayChunkedAnswerLikeTheLibrary() throws Exception {
    Answer answer = assertSameAnswer("/chunked");
    assertEquals("chunked", answer.headers().get("transfer-encoding"));
  }

  @Test
  void shouldRelayStatusMessageAndEmptyAnswerLikeTheLibrary() throws Exception {
    assertEquals("Fine", assertSameAnswer("/message").statusMessage());
    assertSameAnswer("/empty");
  }

  @Test
  void shouldKeepTheServicesOwnDate() throws Exception {
    Answer answer = assertSameAnswer("/dated");
    assertEquals("Sun, 6 Nov 1994 08:49:37 GMT", answer.date());
  }

  @Test
  void shouldFormatDateLikeTheLibraryOncePerSecond() {
    String date = ResponseRelay.dateHeader(NOV_6_1994);
    assertEquals(ParseUtils.formatHttpDate(Instant.ofEpochSecond(NOV_6_1994)), date);
    assertSame(date, ResponseRelay.dateHeader(NOV_6_1994), "formatted once for the second");
    assertNotEquals(date, ResponseRelay.dateHeader(NOV_6_1994 + 1));
  }

  private static Answer assertSameAnswer(String path) throws Exception {
    Answer expected = get(library, path);
    Answer actual = get(relay, path);
    assertEquals(expected.status(), actual.status());
    assertEquals(expected.statusMessage(), actual.statusMessage());
    assertEquals(expected.withoutDate(), actual.withoutDate());
    assertEquals(expected.body(), actual.body());
    assertNotNull(ParseUtils.parseHeaderDate(actual.date()), actual.date());
    if (path.equals("/dated")) {
      assertEquals(expected.date(), actual.date());
    }
    return actual;
  }

  /** The service: answers without a {@code date} unless asked for one. */
  private static void answer(io.vertx.core.http.HttpServerRequest request) {
    HttpServerResponse response = request.response();
    switch (request.path()) {
      case "/fixed" ->
          response
              .setStatusCode(201)
              .putHeader("content-type", "application/json")
              .putHeader("x-many", List.<String>of("a", "b"))
              .end("{\"ok\":true}");
      case "/chunked" -> {
        response.setChunked(true).write("first,");
        vertx.setTimer(20, timer -> response.end("second"));
      }
      case "/message" -> response.setStatusCode(299).setStatusMessage("Fine").end("fine");
      case "/dated" -> response.putHeader("date", "Sun, 06 Nov 1994 08:49:37 GMT").end("old");
      default -> response.setStatusCode(204).end();
    }
  }

  private static io.vertx.core.Handler<io.vertx.core.http.HttpServerRequest> front(
      HttpClient toUpstream,
      int upstream,
      BiFunction<ProxyResponse, HttpClientRequest, Future<Void>> send) {
    return request -> {
      // Paused until the upstream request is ready, as Vert.x Web's router does for the gateway:
      // otherwise the request may have ended before the proxy pipes it, and the exchange breaks.
      request.pause();
      ProxyRequest proxyRequest = ProxyRequest.reverseProxy(request);
      toUpstream
          .request(HttpMethod.GET, upstream, "127.0.0.1", request.uri())
          .onSuccess(
              upstreamRequest ->
                  proxyRequest
                      .send(upstreamRequest)
                      .onSuccess(response -> send.apply(response, upstreamRequest)));
    };
  }

  private static int listen(io.vertx.core.Handler<io.vertx.core.http.HttpServerRequest> handler)
      throws Exception {
    HttpServer server = vertx.createHttpServer().requestHandler(handler);
    return server
        .listen(0, "127.0.0.1")
        .toCompletionStage()
        .toCompletableFuture()
        .get()
        .actualPort();
  }

  private static Answer get(int port, String path) throws Exception {
    return client
        .request(HttpMethod.GET, port, "127.0.0.1", path)
        .compose(HttpClientRequest::send)
        .compose(
            (HttpClientResponse response) ->
                response
                    .body()
                    .map(
                        body ->
                            new Answer(
                                response.statusCode(),
                                response.statusMessage(),
                                MultiMap.caseInsensitiveMultiMap().addAll(response.headers()),
                                body)))
        .toCompletionStage()
        .toCompletableFuture()
        .get(30, TimeUnit.SECONDS);
  }

  private record Answer(int status, String statusMessage, MultiMap headers, Buffer body) {
    String date() {
      return headers.get("date");
    }

    Map<String, List<String>> withoutDate() {
      Map<String, List<String>> all = new TreeMap<>();
      for (String name : headers.names()) {
        if (!name.equalsIgnoreCase("date")) {
          all.put(name.toLowerCase(java.util.Locale.ROOT), headers.getAll(name));
        }
      }
      return all;
    }
  }
}
