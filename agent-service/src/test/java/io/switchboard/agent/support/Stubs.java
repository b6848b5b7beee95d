package io.switchboard.agent.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Loopback stand-ins for model-service and skill-service speaking their contracts: {@code POST
 * /internal/completions}, {@code GET /api/skills/tools/all}, {@code POST
 * /internal/permissions/check}, {@code POST /internal/tools/execute}, {@code POST
 * /internal/approvals/{id}/resolve}, {@code PUT /api/skills/permissions}. Scripted per user, so
 * tests do not disturb each other; records every request. {@code /internal/*} requires a service
 * token, {@code /api/*} a user token.
 */
public final class Stubs {

  public static final ObjectMapper JSON = new ObjectMapper();
  private static Stubs instance;

  /** One scripted model answer. */
  public record Reply(int status, String content, String tool, JsonNode arguments, Gate gate) {}

  public final Map<UUID, ConcurrentLinkedDeque<Reply>> replies = new ConcurrentHashMap<>();
  public final Map<UUID, List<JsonNode>> completions = new ConcurrentHashMap<>();
  public final Map<UUID, List<JsonNode>> executions = new ConcurrentHashMap<>();
  public final Map<UUID, List<JsonNode>> overrides = new ConcurrentHashMap<>();
  public final Map<UUID, Map<String, String>> permissions = new ConcurrentHashMap<>();
  public final Map<UUID, String> skillApprovals = new ConcurrentHashMap<>();
  public final List<String> unauthorized = new CopyOnWriteArrayList<>();

  /** The next tool execution of the user blocks on this gate. */
  public final Map<UUID, Gate> executeGates = new ConcurrentHashMap<>();

  /** Pending approvals skill-service / pipeline-service hold, per user. */
  public final Map<UUID, List<JsonNode>> skillPending = new ConcurrentHashMap<>();

  public final Map<UUID, List<JsonNode>> pipelinePending = new ConcurrentHashMap<>();

  /** "skill:<userId>" / "pipeline:<userId>": that peer's pending list answers 503. */
  public final Set<String> pendingDown = ConcurrentHashMap.newKeySet();

  private final HttpServer server;

  private Stubs(int port) throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 50);
    server.setExecutor(Executors.newCachedThreadPool());
    server.createContext("/", this::handle);
    server.start();
  }

  public static synchronized Stubs get() {
    if (instance == null) {
      URI url =
          URI.create(
              ConfigProvider.getConfig()
                  .getValue("quarkus.rest-client.model-service.url", String.class));
      try {
        instance = new Stubs(url.getPort());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return instance;
  }

  // ---- scripting

  public Stubs say(UUID user, String content) {
    queue(user).add(new Reply(200, content, null, null, null));
    return this;
  }

  public Stubs callTool(UUID user, String tool, String argumentsJson) {
    queue(user).add(new Reply(200, "", tool, read(argumentsJson), null));
    return this;
  }

  public Stubs fail(UUID user, int status) {
    queue(user).add(new Reply(status, null, null, null, null));
    return this;
  }

  /** The next completion blocks until the gate opens, then says {@code content}. */
  public Stubs sayAfter(UUID user, Gate gate, String content) {
    queue(user).add(new Reply(200, content, null, null, gate));
    return this;
  }

  public Stubs permit(UUID user, String tool, String level) {
    permissions.computeIfAbsent(user, u -> new ConcurrentHashMap<>()).put(tool, level);
    return this;
  }

  public List<JsonNode> completionsOf(UUID user) {
    return completions.getOrDefault(user, List.of());
  }

  public List<JsonNode> executionsOf(UUID user) {
    return executions.getOrDefault(user, List.of());
  }

  private ConcurrentLinkedDeque<Reply> queue(UUID user) {
    return replies.computeIfAbsent(user, u -> new ConcurrentLinkedDeque<>());
  }

  // ---- serving

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      String path = ex.getRequestURI().getPath();
      String auth = ex.getRequestHeaders().getFirst("Authorization");
      JsonNode claims = claims(auth);
      byte[] in = ex.getRequestBody().readAllBytes();
      JsonNode body = in.length == 0 ? null : JSON.readTree(in);
      if (path.startsWith("/internal/") && !isService(claims)) {
        unauthorized.add(path);
        send(ex, 401, "{}");
        return;
      }
      if (path.startsWith("/api/") && (claims == null || isService(claims))) {
        unauthorized.add(path);
        send(ex, 401, "{}");
        return;
      }
      switch (path) {
        case "/internal/completions" -> complete(ex, body);
        case "/api/skills/tools/all", "/internal/tools" -> send(ex, 200, tools());
        case "/internal/permissions/check" -> check(ex, body);
        case "/internal/tools/execute" -> execute(ex, body);
        case "/internal/approvals" -> pending(ex, "skill", skillPending);
        case "/internal/approvals/pending" -> pending(ex, "pipeline", pipelinePending);
        case "/api/skills/permissions" -> override(ex, claims, body);
        default -> {
          if (path.startsWith("/internal/approvals/") && path.endsWith("/resolve")) {
            resolve(ex, path);
          } else {
            send(ex, 404, "{}");
          }
        }
      }
    } catch (RuntimeException e) {
      send(ex, 500, "{}");
    }
  }

  private void complete(HttpExchange ex, JsonNode body) throws IOException {
    UUID user = UUID.fromString(body.path("userId").asText());
    completions.computeIfAbsent(user, u -> new CopyOnWriteArrayList<>()).add(body);
    Reply reply = queue(user).poll();
    if (reply == null) {
      JsonNode messages = body.path("messages");
      reply =
          new Reply(
              200,
              "echo: " + messages.get(messages.size() - 1).path("content").asText(),
              null,
              null,
              null);
    }
    if (reply.gate() != null) {
      reply.gate().passThrough();
    }
    if (reply.status() != 200) {
      send(ex, reply.status(), "{}");
      return;
    }
    ObjectNode out = JSON.createObjectNode();
    out.put("model", body.path("model").asText("stub-model"));
    out.put("provider", "local");
    out.put("topic", body.path("topic").asText("general"));
    out.set("routing", read("{\"chosen\":\"stub-model\",\"reason\":\"default\",\"skipped\":[]}"));
    ObjectNode message = out.putObject("message");
    message.put("role", "assistant");
    message.put("content", reply.content());
    ArrayNode calls = message.putArray("toolCalls");
    if (reply.tool() != null) {
      ObjectNode call = calls.addObject();
      call.put("id", "1");
      call.put("name", reply.tool());
      call.set("arguments", reply.arguments());
    }
    out.put("finishReason", reply.tool() == null ? "stop" : "tool_calls");
    out.set("usage", read("{\"inputTokens\":10,\"outputTokens\":5}"));
    send(ex, 200, out.toString());
  }

  private static String tools() {
    return "{\"tools\":["
        + tool("echo", "builtin.echo")
        + ","
        + tool("shell", "builtin.shell")
        + ","
        + tool("mail", "builtin.mail")
        + "]}";
  }

  private static String tool(String name, String skillId) {
    return "{\"name\":\""
        + name
        + "\",\"description\":\""
        + name
        + " tool\","
        + "\"inputSchema\":{\"type\":\"object\"},\"skillId\":\""
        + skillId
        + "\",\"source\":\"builtin\"}";
  }

  private void check(HttpExchange ex, JsonNode body) throws IOException {
    UUID user = UUID.fromString(body.path("userId").asText());
    String level =
        permissions
            .getOrDefault(user, Map.of())
            .getOrDefault(body.path("action").asText(), "allow");
    if ("broken".equals(level)) {
      send(ex, 500, "{}");
      return;
    }
    send(ex, 200, "{\"level\":\"" + level + "\",\"source\":\"default\",\"reason\":\"stub\"}");
  }

  private void execute(HttpExchange ex, JsonNode body) throws IOException {
    UUID user = UUID.fromString(body.path("userId").asText());
    executions.computeIfAbsent(user, u -> new CopyOnWriteArrayList<>()).add(body);
    if ("http500".equals(body.path("arguments").path("mode").asText())) {
      send(ex, 500, "{}"); // skill-service itself failing, not the tool
      return;
    }
    Gate gate = executeGates.remove(user);
    if (gate != null) {
      gate.passThrough();
    }
    boolean error = "fail".equals(body.path("arguments").path("mode").asText());
    ObjectNode out = JSON.createObjectNode();
    out.set(
        "result",
        error
            ? JSON.getNodeFactory().textNode("boom")
            : JSON.createObjectNode().set("echoed", body.path("arguments")));
    out.put("isError", error);
    out.put("durationMs", 1);
    send(ex, 200, out.toString());
  }

  private void pending(HttpExchange ex, String peer, Map<UUID, List<JsonNode>> held)
      throws IOException {
    String query = ex.getRequestURI().getQuery();
    UUID user = UUID.fromString(query.substring(query.indexOf("userId=") + 7));
    if (pendingDown.contains(peer + ":" + user)) {
      send(ex, 503, "{}");
      return;
    }
    ObjectNode out = JSON.createObjectNode();
    out.putArray("approvals").addAll(held.getOrDefault(user, List.of()));
    send(ex, 200, out.toString());
  }

  private void override(HttpExchange ex, JsonNode claims, JsonNode body) throws IOException {
    UUID user = UUID.fromString(claims.path("sub").asText());
    overrides.computeIfAbsent(user, u -> new CopyOnWriteArrayList<>()).add(body);
    send(ex, 200, body.toString());
  }

  private void resolve(HttpExchange ex, String path) throws IOException {
    UUID id = UUID.fromString(path.split("/")[3]);
    String state = skillApprovals.get(id);
    if (state == null) {
      send(ex, 404, "{}");
    } else if (!"pending".equals(state)) {
      send(ex, 409, "{}");
    } else {
      skillApprovals.put(id, "resolved");
      send(ex, 200, "{\"resolved\":true}");
    }
  }

  private static boolean isService(JsonNode claims) {
    if (claims == null) {
      return false;
    }
    for (JsonNode g : claims.path("groups")) {
      if ("service".equals(g.asText())) {
        return true;
      }
    }
    return false;
  }

  private static JsonNode claims(String auth) {
    if (auth == null || !auth.startsWith("Bearer ")) {
      return null;
    }
    String[] parts = auth.substring(7).split("\\.");
    if (parts.length < 2) {
      return null;
    }
    return read(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
  }

  public static JsonNode read(String json) {
    try {
      return JSON.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void send(HttpExchange ex, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", "application/json");
    ex.sendResponseHeaders(status, bytes.length);
    ex.getResponseBody().write(bytes);
  }
}
