package io.switchboard.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * Stands in for auth-service on a free loopback port: serves the test key's JWKS, and service
 * tokens ({@code POST /internal/service-tokens}, HTTP Basic {@code <name>:}{@link
 * TestTokens#SERVICE_SECRET}) signed with the same key, so services under test make real calls.
 */
final class JwksServer implements AutoCloseable {

  static final String PATH = "/.well-known/jwks.json";
  static final String SERVICE_TOKENS = "/internal/service-tokens";

  private final HttpServer server;

  private JwksServer(HttpServer server) {
    this.server = server;
  }

  static JwksServer start() {
    byte[] body = TestKeys.jwks().getBytes(StandardCharsets.UTF_8);
    try {
      HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
      server.createContext(
          PATH,
          exchange -> {
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
              out.write(body);
            }
          });
      server.createContext(SERVICE_TOKENS, JwksServer::serviceToken);
      server.start();
      return new JwksServer(server);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  String url() {
    return baseUrl() + PATH;
  }

  String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  private static void serviceToken(HttpExchange exchange) throws IOException {
    String name = TestTokens.serviceNameOf(exchange.getRequestHeaders().getFirst("Authorization"));
    byte[] body;
    int status;
    if (!"POST".equals(exchange.getRequestMethod()) || name == null) {
      status = 401;
      body = "{\"status\":401,\"code\":\"invalid_client\"}".getBytes(StandardCharsets.UTF_8);
    } else {
      status = 200;
      String expiresAt = Instant.now().plusSeconds(300).toString();
      body =
          ("{\"token\":\"" + TestTokens.service(name) + "\",\"expiresAt\":\"" + expiresAt + "\"}")
              .getBytes(StandardCharsets.UTF_8);
    }
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
