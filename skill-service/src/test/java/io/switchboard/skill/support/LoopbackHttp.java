package io.switchboard.skill.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/**
 * A loopback web server for the {@code http} skill: {@code /echo} answers the request headers,
 * {@code /big} 10 MB, {@code /hang} nothing for 20 s, {@code /to-localhost} redirects to itself by
 * the name {@code localhost}, {@code /to-metadata} to 169.254.169.254.
 */
public final class LoopbackHttp implements AutoCloseable {

  public static final int BIG = 10 * 1024 * 1024;

  private final HttpServer server;

  public LoopbackHttp() {
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext("/echo", this::echo);
    server.createContext("/big", this::big);
    server.createContext("/hang", this::hang);
    server.createContext("/to-localhost", e -> redirect(e, "http://localhost:" + port() + "/echo"));
    server.createContext("/to-metadata", e -> redirect(e, "http://169.254.169.254/latest/"));
    server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
    server.start();
  }

  public int port() {
    return server.getAddress().getPort();
  }

  public String url(String path) {
    return "http://127.0.0.1:" + port() + path;
  }

  private void echo(HttpExchange exchange) throws IOException {
    Map<String, String> headers = new TreeMap<>();
    exchange
        .getRequestHeaders()
        .forEach((k, v) -> headers.put(k.toLowerCase(), String.join(",", v)));
    send(
        exchange,
        200,
        "text/plain; charset=utf-8",
        headers.toString().getBytes(StandardCharsets.UTF_8));
  }

  private void big(HttpExchange exchange) throws IOException {
    exchange.getResponseHeaders().add("Content-Type", "text/plain");
    exchange.sendResponseHeaders(200, BIG);
    byte[] chunk = "x".repeat(64 * 1024).getBytes(StandardCharsets.UTF_8);
    try (OutputStream out = exchange.getResponseBody()) {
      for (int i = 0; i < BIG / chunk.length; i++) {
        out.write(chunk);
      }
    } catch (IOException closedByClient) {
      // the client stopped reading at its limit
    }
  }

  private void hang(HttpExchange exchange) throws IOException {
    try {
      Thread.sleep(20_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    send(exchange, 200, "text/plain", new byte[0]);
  }

  private void redirect(HttpExchange exchange, String location) throws IOException {
    exchange.getResponseHeaders().add("Location", location);
    exchange.sendResponseHeaders(302, -1);
    exchange.close();
  }

  private static void send(HttpExchange exchange, int status, String type, byte[] body)
      throws IOException {
    exchange.getResponseHeaders().add("Content-Type", type);
    exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    if (body.length > 0) {
      exchange.getResponseBody().write(body);
    }
    exchange.close();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
