package io.switchboard.gateway.ws;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.websockets.next.HandshakeRequest;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which channel an event goes to, and where a handshake's token is found. */
class RoutingRulesTest {

  @Test
  void shouldMapEveryTopicAndTypeToItsChannel() {
    assertThat(Channel.of("agent.events", "agent.status")).contains(Channel.AGENT_STATUS);
    assertThat(Channel.of("agent.events", "agent.message")).contains(Channel.AGENT_MESSAGE);
    assertThat(Channel.of("agent.events", "agent.tool_call")).contains(Channel.AGENT_TOOL_CALL);
    assertThat(Channel.of("agent.events", "notification")).isEmpty();
    assertThat(Channel.of("agent.events", "agent.created")).isEmpty();
    assertThat(Channel.of("approval.events", "approval.requested"))
        .contains(Channel.APPROVAL_REQUESTED);
    assertThat(Channel.of("approval.events", "approval.resolved")).isEmpty();
    assertThat(Channel.of("notifications", "anything")).contains(Channel.NOTIFICATION);
    assertThat(Channel.of("pipeline.events", "pipeline.stage.started"))
        .contains(Channel.PIPELINE_STATUS);
    assertThat(Channel.of("auth.events", "session.revoked")).isEmpty();
    assertThat(Channel.of("agent.events", null)).isEqualTo(Optional.empty());
  }

  @Test
  void shouldFindTheTokenInQueryHeaderOrSubprotocol() {
    assertThat(HandshakeTokens.of(handshake("a=1&token=abc.def", Map.of()))).isEqualTo("abc.def");
    assertThat(HandshakeTokens.of(handshake("token=a%2Bb", Map.of()))).isEqualTo("a+b");
    assertThat(HandshakeTokens.of(handshake(null, Map.of("Authorization", "bearer xyz"))))
        .isEqualTo("xyz");
    assertThat(
            HandshakeTokens.of(
                handshake(null, Map.of("Sec-WebSocket-Protocol", "bearer, tok.en.sig"))))
        .isEqualTo("tok.en.sig");
    assertThat(HandshakeTokens.of(handshake("token=", Map.of("Authorization", "Basic x"))))
        .isNull();
    assertThat(HandshakeTokens.of(handshake(null, Map.of("Sec-WebSocket-Protocol", "bearer"))))
        .isNull();
  }

  private static HandshakeRequest handshake(String query, Map<String, String> headers) {
    return Stand.in(
        HandshakeRequest.class,
        (name, args) ->
            switch (name) {
              case "query" -> query;
              case "header" -> headers.get((String) args[0]);
              default -> throw new UnsupportedOperationException(name);
            });
  }
}
