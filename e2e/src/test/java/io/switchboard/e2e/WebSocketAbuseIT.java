package io.switchboard.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Hostile WebSocket clients at the real gateway (issue 11): malformed and oversized frames, a
 * message over the transport's 1 MiB, and one connection flooding 10,000 frames as fast as it can,
 * while another user's connection keeps pinging. The flooder is told {@code rate_limited}, then
 * closed with 4429; the other connection gets every one of its pongs; the gateway still serves.
 */
class WebSocketAbuseIT {

  static final int FLOOD = 10_000;
  static final int CALM_PINGS = 40;
  static final AtomicInteger FRAMES = new AtomicInteger();
  static volatile String flooderClose = "";
  static volatile int flooderSent;
  static volatile int flooderPongs;

  @Test
  void shouldRateLimitAndCloseAFlooderWhileAnotherUserGetsEveryPong() throws Exception {
    String gateway = SharedStack.get().gatewayUrl();
    String flooderToken = SharedStack.register("flood");
    String calmToken = SharedStack.register("calm");
    try (WsProbe flooder = WsProbe.open(gateway, flooderToken);
        WsProbe calm = WsProbe.open(gateway, calmToken)) {
      AtomicInteger flooded = new AtomicInteger();
      CompletableFuture<Integer> pongs =
          CompletableFuture.supplyAsync(
              () -> {
                while (flooded.get() < 100 && !flooder.closed.isDone()) {
                  Thread.onSpinWait(); // start once the flood is under way
                }
                int received = 0;
                for (int i = 0; i < CALM_PINGS; i++) {
                  assertThat(calm.send("{\"type\":\"ping\"}")).isTrue();
                  try {
                    calm.await(WsProbe.type("pong"));
                  } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                  }
                  received++;
                }
                return received;
              });
      int sent = 0;
      while (sent < FLOOD && !flooder.closed.isDone() && flooder.send("{\"type\":\"ping\"}")) {
        sent++;
        flooded.set(sent);
      }
      flooderSent = sent;
      FRAMES.addAndGet(sent);
      String cause = flooder.closeCause();
      flooderClose = cause;
      assertThat(cause).startsWith("4429").contains("rate limited");
      List<JsonNode> got = new ArrayList<>(flooder.frames);
      flooderPongs = (int) got.stream().filter(f -> f.path("type").asText().equals("pong")).count();
      assertThat(got)
          .as("one rate_limited error frame, then silence")
          .filteredOn(f -> f.path("code").asText().equals("rate_limited"))
          .hasSize(1);
      assertThat(flooderPongs).isLessThan(sent);

      assertThat(pongs.get()).isEqualTo(CALM_PINGS);
      FRAMES.addAndGet(CALM_PINGS);
    }
    // The gateway still serves: HTTP, and a fresh connection of the flooder's own user.
    given().get("/health").then().statusCode(200);
    try (WsProbe again = WsProbe.open(gateway, flooderToken)) {
      again.send("{\"type\":\"ping\"}");
      again.await(WsProbe.type("pong"));
    }
  }

  @Test
  void shouldAnswerMalformedFramesAndCloseAMessageOverOneMebibyte() throws Exception {
    String gateway = SharedStack.get().gatewayUrl();
    String token = SharedStack.register("hostile");
    try (WsProbe socket = WsProbe.open(gateway, token)) {
      String[][] cases = {
        {"not json", "invalid_json"},
        {"[1,2,3]", "invalid_json"},
        {"{\"type\":7}", "validation_failed"},
        {"{\"type\":\"shout\"}", "unknown_type"},
        {"{\"type\":\"subscribe\",\"channels\":[\"agent.secrets\"]}", "unknown_channel"},
        {
          "{\"type\":\"subscribe\",\"channels\":[\"agent.status\"],\"agentId\":\"../x\"}",
          "validation_failed"
        },
        {"{\"type\":\"ping\",\"pad\":\"" + "x".repeat(100 * 1024) + "\"}", "frame_too_large"},
        {"[".repeat(60_000), "invalid_json"}
      };
      for (String[] c : cases) {
        socket.send(c[0]);
        FRAMES.incrementAndGet();
        JsonNode error = socket.await(WsProbe.type("error"));
        assertThat(error.path("code").asText())
            .as(c[0].substring(0, Math.min(40, c[0].length())))
            .isEqualTo(c[1]);
      }
      socket.send("{\"type\":\"ping\"}");
      socket.await(WsProbe.type("pong"));
      // Over the transport's limit: closed with 1009, nothing buffered.
      socket.send("{\"type\":\"ping\",\"pad\":\"" + "x".repeat(1024 * 1024 + 16) + "\"}");
      FRAMES.incrementAndGet();
      assertThat(socket.closeCause()).startsWith("1009");
    }
    given().get("/health").then().statusCode(200);
  }

  @AfterAll
  static void report() {
    System.out.printf(
        "[e2e] WebSocket abuse: %d hostile frames; flooder sent %d before the close (%s), got %d"
            + " pongs; the other user got %d of %d pongs%n",
        FRAMES.get(), flooderSent, flooderClose, flooderPongs, CALM_PINGS, CALM_PINGS);
  }
}
