package io.switchboard.skill.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * One loopback server (per JVM) for the hook tests: webhook receivers {@code /ok/<tag>} (200) and
 * {@code /fail/<tag>} (500), and agent-service's {@code POST /internal/agents} (service tokens
 * only; 201 {@code {id,userId,name,status}}). Every request is recorded.
 */
public final class HookStub {

  /** A request as received; header names lower case. */
  public record Received(String path, Map<String, String> headers, byte[] body) {
    public String text() {
      return new String(body, StandardCharsets.UTF_8);
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();
  public static final List<Received> RECEIVED = new CopyOnWriteArrayList<>();
  private static HttpServer server;

  private HookStub() {}

  public static synchronized String url() {
    if (server == null) {
      try {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      server.createContext("/ok", e -> answer(e, 200, "{}"));
      server.createContext("/fail", e -> answer(e, 500, "{}"));
      server.createContext("/internal/agents", HookStub::agents);
      server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
      server.start();
    }
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** The requests whose path starts with {@code prefix}. */
  public static List<Received> to(String prefix) {
    return RECEIVED.stream().filter(r -> r.path().startsWith(prefix)).toList();
  }

  private static Received record(HttpExchange exchange) throws IOException {
    Map<String, String> headers = new TreeMap<>();
    exchange
        .getRequestHeaders()
        .forEach((k, v) -> headers.put(k.toLowerCase(), String.join(",", v)));
    Received received =
        new Received(
            exchange.getRequestURI().getPath(), headers, exchange.getRequestBody().readAllBytes());
    RECEIVED.add(received);
    return received;
  }

  private static void answer(HttpExchange exchange, int status, String body) throws IOException {
    record(exchange);
    send(exchange, status, body);
  }

  private static void agents(HttpExchange exchange) throws IOException {
    Received received = record(exchange);
    String auth = received.headers().getOrDefault("authorization", "");
    String[] parts = auth.startsWith("Bearer ") ? auth.substring(7).split("\\.") : new String[0];
    JsonNode claims =
        parts.length < 2 ? null : JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
    if (claims == null || !claims.path("groups").toString().contains("\"service\"")) {
      send(exchange, 403, "{\"code\":\"forbidden\"}");
      return;
    }
    JsonNode body = JSON.readTree(received.body());
    var answer = JSON.createObjectNode();
    answer.put("id", UUID.randomUUID().toString());
    answer.put("userId", body.path("userId").asText());
    answer.put("name", body.path("name").asText());
    answer.put("status", "idle");
    send(exchange, 201, answer.toString());
  }

  private static void send(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
    exchange.close();
  }
}
