package io.switchboard.gateway.ws;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.switchboard.gateway.config.GatewayConfig;
import io.switchboard.gateway.security.TokenVerifier.VerifiedToken;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** What a connection that floods the gateway gets: one error frame, then silence, then 4429. */
class FrameHandlerFloodTest {

  private static final VerifiedToken ALICE = new VerifiedToken("alice", "sid", Long.MAX_VALUE);
  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private final SocketMetrics metrics = new SocketMetrics(meters);
  private final FrameHandler handler =
      new FrameHandler(new ObjectMapper(), config(), null, metrics);
  private final AtomicLong clock = new AtomicLong();

  private SocketSession session(FakeConnection connection, int burst, int maxRefused) {
    return new SocketSession(
        connection.proxy(),
        ALICE,
        "token",
        1_000,
        metrics,
        new FrameBudget(1, burst, maxRefused, clock::get));
  }

  @Test
  void shouldAnswerTheBurstThenOneRateLimitedErrorThenCloseWith4429() {
    FakeConnection connection = new FakeConnection();
    SocketSession session = session(connection, 3, 20);
    int sent = 0;
    while (connection.closedWith == null && sent < 10_000) {
      handler.handle(session, "{\"type\":\"ping\"}");
      sent++;
    }
    assertThat(connection.sent)
        .containsExactly(
            "{\"type\":\"pong\"}",
            "{\"type\":\"pong\"}",
            "{\"type\":\"pong\"}",
            "{\"type\":\"error\",\"code\":\"rate_limited\","
                + "\"message\":\"Too many frames: slow down; frames over the limit are dropped\"}");
    assertThat(connection.closedWith.getCode()).isEqualTo(4429);
    assertThat(connection.closedWith.getMessage()).contains("rate limited");
    assertThat(sent).isEqualTo(3 + 20);
    assertThat(meters.counter("switchboard.gateway.ws.frames.refused").count()).isEqualTo(20);
    assertThat(meters.counter("switchboard.gateway.ws.closes", "cause", "rate_limited").count())
        .isEqualTo(1);
  }

  @Test
  void shouldChargeBinaryAndMalformedFramesToo() {
    FakeConnection connection = new FakeConnection();
    SocketSession session = session(connection, 2, 2);
    handler.handleBinary(session);
    handler.handle(session, "not json");
    handler.handle(session, "{\"type\":\"ping\"}");
    handler.handleBinary(session);
    assertThat(connection.sent).hasSize(3);
    assertThat(connection.sent.get(2)).contains("rate_limited");
    assertThat(connection.closedWith.getCode()).isEqualTo(4429);
  }

  @Test
  void shouldLeaveOtherConnectionsAlone() {
    FakeConnection flooder = new FakeConnection();
    FakeConnection calm = new FakeConnection();
    SocketSession flooding = session(flooder, 2, 5);
    SocketSession other = session(calm, 2, 5);
    for (int i = 0; i < 100; i++) {
      handler.handle(flooding, "{\"type\":\"ping\"}");
    }
    handler.handle(other, "{\"type\":\"ping\"}");
    handler.handle(other, "{\"type\":\"ping\"}");
    assertThat(flooder.closedWith.getCode()).isEqualTo(4429);
    assertThat(calm.closedWith).isNull();
    assertThat(calm.sent).containsExactly("{\"type\":\"pong\"}", "{\"type\":\"pong\"}");
  }

  private static GatewayConfig config() {
    GatewayConfig.WebSocket ws =
        Stand.in(GatewayConfig.WebSocket.class, Map.of("maxFrameBytes", 65_536));
    return Stand.in(GatewayConfig.class, Map.of("ws", ws));
  }
}
