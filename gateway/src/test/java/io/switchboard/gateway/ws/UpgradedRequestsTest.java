package io.switchboard.gateway.ws;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.switchboard.gateway.support.FinishedRequests;
import io.switchboard.gateway.support.WebSocketUp;
import io.switchboard.gateway.support.WsClient;
import io.switchboard.testing.TestTokens;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.function.IntSupplier;
import org.junit.jupiter.api.Test;

/**
 * A {@code /ws} request counts as finished for Quarkus' graceful stop when its WebSocket closes,
 * not never (every stop after the first WebSocket waited the whole shutdown timeout) and not at the
 * upgrade (the stop would not wait for the sockets' 1012).
 */
@QuarkusTest
@TestProfile(WebSocketUp.class)
class UpgradedRequestsTest {

  @TestHTTPResource("/ws")
  URI http;

  @Inject FinishedRequests finished;
  @Inject UpgradedRequests upgraded;

  @Test
  void shouldFinishTheRequestWhenItsWebSocketCloses() throws InterruptedException {
    int before = finished.webSockets();
    WsClient client = SocketTestSupport.open(http, TestTokens.user());
    try {
      Thread.sleep(300);
      assertThat(finished.webSockets()).as("finished while open").isEqualTo(before);
      assertThat(upgraded.open()).isPositive();
    } finally {
      client.close();
    }
    await(finished::webSockets, before + 1);
    assertThat(finished.webSockets()).isEqualTo(before + 1);
  }

  @Test
  void shouldFinishTheRequestOfASocketRefusedForItsToken() throws InterruptedException {
    int before = finished.webSockets();
    WsClient client = WsClient.connect(SocketTestSupport.withToken(http, "not-a-token"));
    await(client::closeCode, 4001);
    await(finished::webSockets, before + 1);
    assertThat(finished.webSockets()).isEqualTo(before + 1);
    client.close();
  }

  private static void await(IntSupplier value, int expected) throws InterruptedException {
    long deadline = System.nanoTime() + 5_000_000_000L;
    while (value.getAsInt() != expected && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
  }
}
