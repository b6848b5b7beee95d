package io.switchboard.gateway.support;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * agent-service as the WebSocket's messages meet it: {@code POST /api/agents/{id}/message} and
 * {@code POST /api/chat}, each remembered (path, {@code Authorization}, body) under the agent id or
 * under the chat's {@code sessionId} (or {@code chat}), readable at {@code GET /__last/{key}}.
 * Agent {@code missing} answers a 404 problem, agent {@code broken} a bare 500; everything else
 * 202.
 */
public final class AgentStub implements AutoCloseable {

  private static final Pattern AGENT_MESSAGE = Pattern.compile("/api/agents/([^/]+)/message");
  private static final Pattern SESSION = Pattern.compile("\"sessionId\"\\s*:\\s*\"([^\"]+)\"");

  private final HttpServer server;
  private final ExecutorService executor = Executors.newCachedThreadPool();
  private final Map<String, String> last = new ConcurrentHashMap<>();

  private AgentStub() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::handle);
    server.setExecutor(executor);
    server.start();
  }

  public static AgentStub start() throws IOException {
    return new AgentStub();
  }

  public String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getRawPath();
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      if (path.equals("/health/ready")) {
        respond(exchange, 200, "{\"status\":\"UP\"}");
        return;
      }
      if (path.equals("/openapi")) {
        respond(exchange, 200, FakeOpenApi.document("agent-service", "/api/agents"));
        return;
      }
      if (path.startsWith("/__last/")) {
        String seen = last.get(path.substring("/__last/".length()));
        respond(exchange, seen == null ? 404 : 200, seen == null ? "{}" : seen);
        return;
      }
      Matcher agent = AGENT_MESSAGE.matcher(path);
      String key;
      if (agent.matches()) {
        key = agent.group(1);
      } else if (path.equals("/api/chat")) {
        Matcher session = SESSION.matcher(body);
        key = session.find() ? session.group(1) : "chat";
      } else {
        respond(exchange, 404, "{\"code\":\"not_found\"}");
        return;
      }
      ObjectNode seen = FakeService.JSON.createObjectNode();
      seen.put("method", exchange.getRequestMethod());
      seen.put("path", path);
      seen.put("authorization", exchange.getRequestHeaders().getFirst("Authorization"));
      seen.put("contentType", exchange.getRequestHeaders().getFirst("Content-Type"));
      seen.put("body", body);
      last.put(key, FakeService.JSON.writeValueAsString(seen));
      switch (key) {
        case "missing" ->
            respond(
                exchange,
                404,
                "{\"status\":404,\"code\":\"not_found\",\"detail\":\"No agent with this id\"}");
        case "broken" -> respond(exchange, 500, null);
        default -> respond(exchange, 202, "{\"accepted\":true}");
      }
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
