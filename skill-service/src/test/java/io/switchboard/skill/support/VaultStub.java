package io.switchboard.skill.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A loopback vault-service that speaks the vault contract: {@code POST /internal/vault/resolve}
 * (service tokens only) and {@code GET /api/vault} (the user's own token, names only). Started once
 * per JVM by {@link VaultStubConfigSource}.
 */
public final class VaultStub {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Map<UUID, Map<String, String>> VALUES = new ConcurrentHashMap<>();

  /** Every resolve call: "subject-of-token:userId:name". */
  public static final List<String> RESOLVES = new CopyOnWriteArrayList<>();

  private static HttpServer server;

  private VaultStub() {}

  public static synchronized String url() {
    if (server == null) {
      try {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      server.createContext("/internal/vault/resolve", VaultStub::resolve);
      server.createContext("/api/vault", VaultStub::list);
      server.start();
    }
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  public static void put(UUID user, String name, String value) {
    VALUES.computeIfAbsent(user, u -> new ConcurrentHashMap<>()).put(name, value);
  }

  private static void resolve(HttpExchange exchange) throws IOException {
    JsonNode claims = claims(exchange);
    if (claims == null || !claims.path("groups").toString().contains("\"service\"")) {
      send(exchange, 403, "{\"code\":\"forbidden\"}");
      return;
    }
    JsonNode body = JSON.readTree(exchange.getRequestBody());
    UUID user = UUID.fromString(body.path("userId").asText());
    String name = body.path("name").asText();
    RESOLVES.add(claims.path("sub").asText() + ":" + user + ":" + name);
    if (name.equals("EXPIRED")) {
      send(exchange, 409, "{\"code\":\"credential_expired\"}");
      return;
    }
    if (name.equals("VAULT_DOWN")) {
      send(exchange, 500, "{\"code\":\"internal_error\"}");
      return;
    }
    String value = VALUES.getOrDefault(user, Map.of()).get(name);
    if (value == null) {
      send(exchange, 404, "{\"code\":\"not_found\"}");
      return;
    }
    ObjectNode answer = JSON.createObjectNode();
    answer.put("id", UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString());
    answer.put("name", name).put("value", value).put("version", 1);
    send(exchange, 200, answer.toString());
  }

  private static void list(HttpExchange exchange) throws IOException {
    JsonNode claims = claims(exchange);
    if (claims == null) {
      send(exchange, 401, "{\"code\":\"unauthenticated\"}");
      return;
    }
    UUID user = UUID.fromString(claims.path("sub").asText());
    ObjectNode answer = JSON.createObjectNode();
    var credentials = answer.putArray("credentials");
    VALUES.getOrDefault(user, Map.of()).keySet().stream()
        .sorted()
        .forEach(
            n ->
                credentials
                    .addObject()
                    .put("name", n)
                    .put("credentialType", "api_key")
                    .put("preview", "••••"));
    answer.put("total", credentials.size());
    send(exchange, 200, answer.toString());
  }

  private static JsonNode claims(HttpExchange exchange) throws IOException {
    String auth = exchange.getRequestHeaders().getFirst("Authorization");
    if (auth == null || !auth.startsWith("Bearer ")) {
      return null;
    }
    String[] parts = auth.substring(7).split("\\.");
    return parts.length < 2 ? null : JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
  }

  private static void send(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
    exchange.close();
  }
}
