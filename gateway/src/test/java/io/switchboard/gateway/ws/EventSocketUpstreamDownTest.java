package io.switchboard.gateway.ws;

import static io.switchboard.gateway.ws.SocketTestSupport.open;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.switchboard.gateway.support.UpstreamsDown;
import io.switchboard.gateway.support.WsClient;
import io.switchboard.testing.TestTokens;
import java.net.URI;
import org.junit.jupiter.api.Test;

/** A message for agent-service while it is down gets an error frame; the socket stays open. */
@QuarkusTest
@TestProfile(UpstreamsDown.class)
class EventSocketUpstreamDownTest {

  @TestHTTPResource("/ws")
  URI http;

  @Test
  void shouldAnswerAMessageWithServiceUnavailableWhenAgentServiceIsDown() {
    try (WsClient client = open(http, TestTokens.user())) {
      JsonNode error =
          client
              .send("{\"type\":\"message\",\"content\":\"anyone?\",\"id\":\"m-9\"}")
              .next("error");
      assertThat(error.path("code").asText()).isEqualTo("service_unavailable");
      assertThat(error.path("message").asText()).isEqualTo("agent-service is unavailable");
      assertThat(error.path("id").asText()).isEqualTo("m-9");
      client.send("{\"type\":\"ping\"}").next("pong");
    }
  }
}
