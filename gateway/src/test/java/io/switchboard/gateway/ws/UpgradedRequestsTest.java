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
import org.junit.jupiter.api.Test;

/**
 * A {@code /ws} request counts as finished for Quarkus' graceful stop once it is a WebSocket, not
 * never: otherwise every stop after the first WebSocket waits the whole shutdown timeout.
 */
@QuarkusTest
@TestProfile(WebSocketUp.class)
class UpgradedRequestsTest {

  @TestHTTPResource("/ws")
  URI http;

  @Inject FinishedRequests finished;

  @Test
  void shouldFinishTheRequestOfAnOpenWebSocket() throws InterruptedException {
    int before = finished.webSockets();
    try (WsClient client = SocketTestSupport.open(http, TestTokens.user())) {
      long deadline = System.nanoTime() + 5_000_000_000L;
      while (finished.webSockets() == before && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      assertThat(finished.webSockets()).isEqualTo(before + 1);
      assertThat(client.isClosed()).isFalse();
    }
  }
}
