package io.switchboard.gateway.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A stand-in for one Switchboard service on a random local port. It echoes every request it gets as
 * JSON ({@code service, method, path, query, body, headers}), answers {@code /health/ready} with a
 * status tests can change ({@code POST /__control/ready} with the status as body), serves a small
 * OpenAPI document, the JWKS when given one, stays silent on paths ending in {@code /slow} and
 * streams two events on paths ending in {@code /stream}.
 */
public final class FakeService implements AutoCloseable {

  static final ObjectMapper JSON = new ObjectMapper();

  /** The realm issuer the gateway tests configure ({@code switchboard.gateway.keycloak.issuer}). */
  public static final String REALM_ISSUER = "https://sso.test/realms/switchboard";

  private final java.util.concurrent.atomic.AtomicInteger exchanges =
      new java.util.concurrent.atomic.AtomicInteger();
  private static final long SILENCE_MS = 10_000;

  /**
   * Released by a test once it has read the first streamed event; the second event waits for it (30
   * s at most). {@link #STREAM_SECOND_WAITED_OUT} tells whether the wait ran out, i.e. the first
   * event never reached the client before the answer ended.
   */
  public static volatile java.util.concurrent.CountDownLatch streamRelease =
      new java.util.concurrent.CountDownLatch(1);

  public static volatile boolean STREAM_SECOND_WAITED_OUT;

  private final String name;
  private final String publicPath;
  private final String jwks;
  private final HttpServer server;
  private final ExecutorService executor = Executors.newCachedThreadPool();
  private volatile int readyStatus = 200;

  private FakeService(String name, String publicPath, String jwks) throws IOException {
    this.name = name;
    this.publicPath = publicPath;
    this.jwks = jwks;
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::handle);
    server.setExecutor(executor);
    server.start();
  }

  /**
   * @param name service name, e.g. {@code agent-service}
   * @param publicPath a path its OpenAPI document lists, e.g. {@code /api/agents}
   * @param jwks the JWKS to serve at {@code /.well-known/jwks.json}, or {@code null}
   */
  public static FakeService start(String name, String publicPath, String jwks) throws IOException {
    return new FakeService(name, publicPath, jwks);
  }

  public String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getRawPath();
      byte[] body = readBody(exchange.getRequestBody());
      switch (path) {
        case "/__control/ready" -> {
          readyStatus = Integer.parseInt(new String(body, StandardCharsets.UTF_8).trim());
          respond(exchange, 204, null);
        }
        case "/health/ready" ->
            respond(
                exchange,
                readyStatus,
                "{\"status\":\"" + (readyStatus == 200 ? "UP" : "DOWN") + "\"}");
        case "/openapi" -> respond(exchange, 200, FakeOpenApi.document(name, publicPath));
        case "/api/auth/oidc/exchange" -> exchange(exchange, body);
        case "/__control/exchanges" -> respond(exchange, 200, String.valueOf(exchanges.get()));
        case "/.well-known/jwks.json" ->
            respond(exchange, jwks == null ? 404 : 200, jwks == null ? "{}" : jwks);
        default -> {
          if (path.endsWith("/slow")) {
            silence();
          }
          if (path.endsWith("/stream")) {
            stream(exchange);
            return;
          }
          echo(exchange, body);
        }
      }
    }
  }

  /**
   * auth-service's token exchange, as the gateway tests need it: a realm token (any JWT whose
   * payload names {@link #REALM_ISSUER}) becomes a test user token for the user id in its {@code
   * sub}; {@code sub} {@code disabled} gets 403, {@code broken} a 500.
   */
  private void exchange(HttpExchange exchange, byte[] body) throws IOException {
    exchanges.incrementAndGet();
    String token = JSON.readTree(body).path("accessToken").asText();
    String[] parts = token.split("\\.");
    var payload = JSON.readTree(java.util.Base64.getUrlDecoder().decode(parts[1]));
    String sub = payload.path("sub").asText();
    if (!REALM_ISSUER.equals(payload.path("iss").asText()) || sub.equals("disabled")) {
      respond(exchange, 403, "{\"status\":403,\"code\":\"account_disabled\"}");
    } else if (sub.equals("broken")) {
      respond(exchange, 500, "{\"status\":500}");
    } else {
      respond(
          exchange,
          200,
          "{\"token\":\""
              + io.switchboard.testing.TestTokens.user(java.util.UUID.fromString(sub))
              + "\",\"expiresAt\":\""
              + java.time.Instant.now().plusSeconds(600)
              + "\"}");
    }
  }

  private void echo(HttpExchange exchange, byte[] body) throws IOException {
    ObjectNode echo = JSON.createObjectNode();
    echo.put("service", name);
    echo.put("method", exchange.getRequestMethod());
    echo.put("path", exchange.getRequestURI().getRawPath());
    echo.put("query", exchange.getRequestURI().getRawQuery());
    echo.put("body", new String(body, StandardCharsets.UTF_8));
    echo.put("bodyLength", body.length);
    ObjectNode headers = echo.putObject("headers");
    exchange
        .getRequestHeaders()
        .forEach(
            (header, values) ->
                headers.put(header.toLowerCase(Locale.ROOT), String.join(",", values)));
    String query = exchange.getRequestURI().getRawQuery();
    int status = exchange.getRequestMethod().equals("POST") ? 201 : 200;
    if (query != null && query.startsWith("respond=")) {
      status = Integer.parseInt(query.substring("respond=".length()));
    }
    exchange.getResponseHeaders().add("X-Upstream", name);
    exchange.getResponseHeaders().add("X-Request-Id", "set-by-" + name);
    if (query != null && query.equals("hop")) {
      // headers meant for the gateway's connection only, which it must not pass on
      exchange.getResponseHeaders().add("Connection", "X-Service-Hop");
      exchange.getResponseHeaders().add("X-Service-Hop", "internal");
      exchange.getResponseHeaders().add("Keep-Alive", "timeout=5");
    }
    respond(exchange, status, JSON.writeValueAsString(echo));
  }

  /** Two server-sent events in a chunked answer, the second once {@link #streamRelease} opens. */
  private static void stream(HttpExchange exchange) throws IOException {
    exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
    exchange.sendResponseHeaders(200, 0);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write("data: first\n\n".getBytes(StandardCharsets.UTF_8));
      out.flush();
      STREAM_SECOND_WAITED_OUT = !streamRelease.await(30, java.util.concurrent.TimeUnit.SECONDS);
      out.write("data: second\n\n".getBytes(StandardCharsets.UTF_8));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void silence() {
    try {
      Thread.sleep(SILENCE_MS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static byte[] readBody(InputStream in) throws IOException {
    try (in) {
      return in.readAllBytes();
    }
  }

  private static void respond(HttpExchange exchange, int status, String body) throws IOException {
    if (body == null) {
      exchange.sendResponseHeaders(status, -1);
      return;
    }
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
