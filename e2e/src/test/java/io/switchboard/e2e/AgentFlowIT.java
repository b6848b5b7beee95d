package io.switchboard.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.launcher.Stack;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * Issue 7 end to end through the gateway, on the real stack with the offline {@code local} model:
 * an agent answers over the WebSocket and in its events; a tool set to {@code ask} waits for an
 * approval, continues when approved and tells the model when denied; another user sees nothing of
 * it.
 */
class AgentFlowIT {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void shouldRunAnAgentWithAnApprovedAndADeniedToolCallLiveOverTheWebSocket() throws Exception {
    Stack stack = SharedStack.get();
    String alice = SharedStack.register("alice");
    String bob = SharedStack.register("bob");
    try (Socket aliceSocket = Socket.open(stack, alice);
        Socket bobSocket = Socket.open(stack, bob)) {
      for (Socket socket : List.of(aliceSocket, bobSocket)) {
        socket.send(
            "{\"type\":\"subscribe\",\"channels\":[\"agent.status\",\"agent.message\",\"agent.tool_call\"]}");
        socket.await(f -> f.path("type").asText().equals("subscribed"));
      }

      String agentId =
          given()
              .auth()
              .oauth2(alice)
              .contentType("application/json")
              .body(Map.of("name", "e2e-agent", "message", "hello there"))
              .post("/api/agents")
              .then()
              .statusCode(201)
              .extract()
              .path("id");
      JsonNode answer = aliceSocket.await(assistantMessage(agentId));
      assertThat(answer.path("data").path("content").asText()).startsWith("[local/echo]");
      List<String> types =
          given()
              .auth()
              .oauth2(alice)
              .get("/api/agents/" + agentId + "/events")
              .then()
              .statusCode(200)
              .extract()
              .path("events.type");
      assertThat(types).contains("agent.status", "agent.message");

      // time.now asks first for this user.
      given()
          .auth()
          .oauth2(alice)
          .contentType("application/json")
          .body(Map.of("skillId", "time", "action", "now", "level", "ask"))
          .put("/api/skills/permissions")
          .then()
          .statusCode(200);
      for (boolean approved : new boolean[] {true, false}) {
        given()
            .auth()
            .oauth2(alice)
            .contentType("application/json")
            .body(Map.of("message", "use time__now {}"))
            .post("/api/agents/" + agentId + "/message")
            .then()
            .statusCode(202);
        JsonNode waiting =
            aliceSocket.await(
                f ->
                    f.path("type").asText().equals("agent.tool_call")
                        && f.path("data").path("status").asText().equals("awaiting_approval"));
        String requestId = waiting.path("data").path("approvalRequestId").asText();
        List<String> pending =
            given()
                .auth()
                .oauth2(alice)
                .get("/api/chat/approvals/pending")
                .then()
                .statusCode(200)
                .extract()
                .path("approvals.requestId");
        assertThat(pending).contains(requestId);
        given()
            .auth()
            .oauth2(bob)
            .contentType("application/json")
            .body(Map.of("requestId", requestId, "approved", true))
            .post("/api/chat/approve")
            .then()
            .statusCode(404);
        given()
            .auth()
            .oauth2(alice)
            .contentType("application/json")
            .body(Map.of("requestId", requestId, "approved", approved))
            .post("/api/chat/approve")
            .then()
            .statusCode(200)
            .body("resolved", equalTo(true));
        given()
            .auth()
            .oauth2(alice)
            .contentType("application/json")
            .body(Map.of("requestId", requestId, "approved", approved))
            .post("/api/chat/approve")
            .then()
            .statusCode(409);
        String status = approved ? "completed" : "denied";
        aliceSocket.await(
            f ->
                f.path("type").asText().equals("agent.tool_call")
                    && f.path("data").path("status").asText().equals(status));
        JsonNode after = aliceSocket.await(assistantMessage(agentId));
        assertThat(after.path("data").path("content").asText()).contains("time__now");
      }

      // Bob sees nothing of Alice's agent, over the API or the socket.
      given().auth().oauth2(bob).get("/api/agents/" + agentId).then().statusCode(404);
      given().auth().oauth2(bob).get("/api/agents/" + agentId + "/events").then().statusCode(404);
      assertThat(bobSocket.frames.stream().filter(f -> f.has("agentId"))).isEmpty();
    }
  }

  private static Predicate<JsonNode> assistantMessage(String agentId) {
    return f ->
        f.path("type").asText().equals("agent.message")
            && f.path("agentId").asText().equals(agentId)
            && f.path("data").path("role").asText().equals("assistant");
  }

  /** A WebSocket client of the JDK that queues every text frame it receives. */
  private static final class Socket implements WebSocket.Listener, AutoCloseable {
    final LinkedBlockingQueue<JsonNode> frames = new LinkedBlockingQueue<>();
    private final StringBuilder partial = new StringBuilder();
    private WebSocket socket;

    static Socket open(Stack stack, String token) throws Exception {
      Socket listener = new Socket();
      String url = stack.gatewayUrl().replaceFirst("^http", "ws") + "/ws?token=" + token;
      listener.socket =
          HttpClient.newHttpClient()
              .newWebSocketBuilder()
              .connectTimeout(Duration.ofSeconds(10))
              .buildAsync(URI.create(url), listener)
              .get(20, TimeUnit.SECONDS);
      listener.await(f -> f.path("type").asText().equals("connected"));
      return listener;
    }

    void send(String text) {
      socket.sendText(text, true).join();
    }

    /** The first queued frame that matches (others stay for later awaits are dropped). */
    JsonNode await(Predicate<JsonNode> matches) throws InterruptedException {
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (System.nanoTime() < deadline) {
        JsonNode frame = frames.poll(250, TimeUnit.MILLISECONDS);
        if (frame != null && matches.test(frame)) {
          return frame;
        }
      }
      throw new AssertionError("No matching WebSocket frame within 60 s");
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        try {
          frames.add(JSON.readTree(partial.toString()));
        } catch (Exception e) {
          frames.add(JSON.createObjectNode().put("unparsable", partial.toString()));
        }
        partial.setLength(0);
      }
      webSocket.request(1);
      return null;
    }

    @Override
    public void close() {
      socket.sendClose(WebSocket.NORMAL_CLOSURE, "done");
    }
  }
}
