package io.switchboard.pipeline.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Loopback stand-ins for agent-service and skill-service speaking the internal contracts of
 * pipeline-service/README.md, and refusing calls without a service token. An agent's behaviour
 * comes from its prompt: "FAIL" ends in error, "HOLD" keeps running until {@link #finish}, else it
 * answers at once with "draft: " + prompt. A tool named "fail" answers isError.
 */
public class StubServices implements QuarkusTestResourceLifecycleManager {

  public record AgentStart(
      String agentId, UUID userId, UUID runId, String stage, String prompt, String key) {}

  public record ToolCall(
      UUID userId, String skillId, String tool, JsonNode arguments, String approvalRequestId) {}

  /** skill-service's approvals of "ask" tools: requestId → pending/approved/denied/expired. */
  public static final Map<String, String> SKILL_APPROVALS = new ConcurrentHashMap<>();

  /** requestIds a stopped run withdrew (resolved as denied). */
  public static final List<String> WITHDRAWN = new CopyOnWriteArrayList<>();

  static final class Agent {
    final String id;
    final UUID userId;
    final String prompt;
    volatile String status;
    volatile String content;

    Agent(String id, UUID userId, String prompt) {
      this.id = id;
      this.userId = userId;
      this.prompt = prompt;
    }
  }

  public static final List<AgentStart> STARTS = new CopyOnWriteArrayList<>();
  public static final List<ToolCall> TOOLS = new CopyOnWriteArrayList<>();
  public static final List<String> CANCELLED = new CopyOnWriteArrayList<>();
  public static final List<String> UNAUTHORIZED = new CopyOnWriteArrayList<>();
  private static final Map<String, Agent> AGENTS = new ConcurrentHashMap<>();
  private static final Map<String, String> BY_KEY = new ConcurrentHashMap<>();
  private static final ObjectMapper JSON = new ObjectMapper();
  private HttpServer server;

  @Override
  public Map<String, String> start() {
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    server.createContext("/internal/agents", ex -> guarded(ex, this::agents));
    server.createContext("/internal/tools/execute", ex -> guarded(ex, this::tool));
    server.createContext("/internal/approvals", ex -> guarded(ex, this::approvals));
    server.setExecutor(Executors.newCachedThreadPool());
    server.start();
    String url = "http://127.0.0.1:" + server.getAddress().getPort();
    return Map.of(
        "quarkus.rest-client.agent-service.url", url,
        "quarkus.rest-client.skill-service.url", url);
  }

  @Override
  public void stop() {
    if (server != null) {
      server.stop(0);
    }
  }

  /**
   * While set, the answer to starting an agent whose prompt contains "GATED" waits until the gate
   * opens (at most 30 s): the test can change the run while its replica waits for agent-service.
   */
  public static volatile CountDownLatch startGate;

  /** Lets a HOLD agent answer {@code content}. */
  public static void finish(String agentId, String content) {
    Agent a = AGENTS.get(agentId);
    a.content = content;
    a.status = "idle";
  }

  public static List<AgentStart> startsOf(UUID runId) {
    return STARTS.stream().filter(s -> s.runId().equals(runId)).toList();
  }

  public static List<ToolCall> toolsOf(UUID userId) {
    return TOOLS.stream().filter(t -> t.userId().equals(userId)).toList();
  }

  private interface Handler {
    void handle(HttpExchange ex, JsonNode body) throws IOException;
  }

  private void guarded(HttpExchange ex, Handler handler) throws IOException {
    try (ex) {
      if (!isServiceToken(ex.getRequestHeaders().getFirst("Authorization"))) {
        UNAUTHORIZED.add(ex.getRequestURI().toString());
        send(ex, 401, JSON.createObjectNode().put("code", "unauthenticated"));
        return;
      }
      byte[] raw = ex.getRequestBody().readAllBytes();
      handler.handle(ex, raw.length == 0 ? JSON.createObjectNode() : JSON.readTree(raw));
    }
  }

  private void agents(HttpExchange ex, JsonNode body) throws IOException {
    String path = ex.getRequestURI().getPath();
    String method = ex.getRequestMethod();
    if ("POST".equals(method) && path.equals("/internal/agents/runs")) {
      String key = ex.getRequestHeaders().getFirst("Idempotency-Key");
      UUID user = UUID.fromString(body.path("userId").asText());
      String prompt = body.path("prompt").asText();
      String agentId =
          BY_KEY.computeIfAbsent(
              key == null ? UUID.randomUUID().toString() : key,
              k -> {
                Agent a = new Agent(UUID.randomUUID().toString(), user, prompt);
                a.status =
                    prompt.contains("FAIL")
                        ? "error"
                        : prompt.contains("HOLD")
                            ? "running"
                            : prompt.contains("ASK") ? "awaiting_approval" : "idle";
                a.content = "draft: " + prompt;
                AGENTS.put(a.id, a);
                STARTS.add(
                    new AgentStart(
                        a.id,
                        user,
                        UUID.fromString(body.path("runId").asText()),
                        body.path("stage").asText(),
                        prompt,
                        key));
                return a.id;
              });
      CountDownLatch gate = startGate;
      if (gate != null && prompt.contains("GATED")) {
        try {
          gate.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      send(ex, 202, JSON.createObjectNode().put("agentId", agentId));
      return;
    }
    String[] parts = path.split("/");
    Agent a = parts.length > 3 ? AGENTS.get(parts[3]) : null;
    if (a == null) {
      send(ex, 404, JSON.createObjectNode().put("code", "not_found"));
    } else if ("POST".equals(method) && path.endsWith("/cancel")) {
      a.status = "cancelled";
      CANCELLED.add(a.id);
      send(ex, 200, JSON.createObjectNode().put("id", a.id).put("status", a.status));
    } else {
      String query = ex.getRequestURI().getQuery();
      if (query == null || !query.equals("userId=" + a.userId)) {
        send(ex, 404, JSON.createObjectNode().put("code", "not_found"));
        return;
      }
      ObjectNode state = JSON.createObjectNode().put("id", a.id).put("status", a.status);
      if ("idle".equals(a.status)) {
        state.putObject("lastMessage").put("content", a.content);
      } else if ("error".equals(a.status)) {
        state.put("lastError", "the model refused");
      }
      send(ex, 200, state);
    }
  }

  private void tool(HttpExchange ex, JsonNode body) throws IOException {
    String tool = body.path("tool").asText();
    TOOLS.add(
        new ToolCall(
            UUID.fromString(body.path("userId").asText()),
            body.path("skillId").asText(),
            tool,
            body.path("arguments"),
            body.path("approvalRequestId").asText(null)));
    if ("ask".equals(tool)) {
      String approved = body.path("approvalRequestId").asText(null);
      if (approved == null) {
        String id = UUID.randomUUID().toString();
        SKILL_APPROVALS.put(id, "pending");
        ObjectNode waiting = JSON.createObjectNode().put("status", "awaiting_approval");
        waiting
            .putObject("approval")
            .put("requestId", id)
            .put("summary", "Run s.ask with {}")
            .put("expiresAt", java.time.Instant.now().plusSeconds(900).toString());
        send(ex, 202, waiting);
        return;
      }
      if (!"approved".equals(SKILL_APPROVALS.replace(approved, "used"))) {
        send(ex, 409, JSON.createObjectNode().put("code", "approval_not_approved"));
        return;
      }
      send(ex, 200, JSON.createObjectNode().put("result", "asked and ran").put("isError", false));
      return;
    }
    boolean error = "fail".equals(tool);
    String text =
        error ? "tool failed" : "published: " + body.path("arguments").path("text").asText();
    send(
        ex,
        200,
        JSON.createObjectNode().put("result", text).put("isError", error).put("durationMs", 3));
  }

  /** The user's answer, as skill-service records it. */
  public static void answer(String requestId, String status) {
    SKILL_APPROVALS.put(requestId, status);
  }

  private void approvals(HttpExchange ex, JsonNode body) throws IOException {
    String[] parts = ex.getRequestURI().getPath().split("/");
    String id = parts.length > 3 ? parts[3] : "";
    String status = SKILL_APPROVALS.get(id);
    if (status == null) {
      send(ex, 404, JSON.createObjectNode().put("code", "not_found"));
      return;
    }
    if ("POST".equals(ex.getRequestMethod())) {
      if (!"pending".equals(status)) {
        send(ex, 409, JSON.createObjectNode().put("code", "approval_resolved"));
        return;
      }
      status = body.path("approved").asBoolean() ? "approved" : "denied";
      SKILL_APPROVALS.put(id, status);
      if (!body.path("approved").asBoolean()) {
        WITHDRAWN.add(id);
      }
    }
    send(ex, 200, JSON.createObjectNode().put("requestId", id).put("status", status));
  }

  private static boolean isServiceToken(String authorization) {
    if (authorization == null || !authorization.startsWith("Bearer ")) {
      return false;
    }
    String[] parts = authorization.substring(7).split("\\.");
    if (parts.length != 3) {
      return false;
    }
    try {
      JsonNode claims = JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
      for (JsonNode group : claims.path("groups")) {
        if ("service".equals(group.asText())) {
          return "pipeline-service".equals(claims.path("sub").asText());
        }
      }
      return false;
    } catch (IOException | IllegalArgumentException e) {
      return false;
    }
  }

  private static void send(HttpExchange ex, int status, JsonNode body) throws IOException {
    byte[] bytes = JSON.writeValueAsBytes(body);
    ex.getResponseHeaders().set("Content-Type", "application/json");
    ex.sendResponseHeaders(status, bytes.length);
    ex.getResponseBody().write(bytes);
    ex.getResponseBody().write(new byte[0]);
  }
}
