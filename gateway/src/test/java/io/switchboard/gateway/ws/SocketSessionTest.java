package io.switchboard.gateway.ws;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.switchboard.gateway.security.TokenVerifier.VerifiedToken;
import java.util.List;
import org.junit.jupiter.api.Test;

class SocketSessionTest {

  private static final VerifiedToken ALICE = new VerifiedToken("alice", "sid", Long.MAX_VALUE);

  private final FakeConnection connection = new FakeConnection();
  private final SocketMetrics metrics = new SocketMetrics(new SimpleMeterRegistry());

  private SocketSession session(int sendQueue) {
    return new SocketSession(connection.proxy(), ALICE, "token", sendQueue, metrics);
  }

  @Test
  void shouldWantOnlySubscribedChannels() {
    SocketSession session = session(8);
    assertThat(session.wants(Channel.AGENT_STATUS, "a")).isFalse();
    session.subscribe(List.of(Channel.AGENT_STATUS), null);
    assertThat(session.wants(Channel.AGENT_STATUS, "a")).isTrue();
    assertThat(session.wants(Channel.AGENT_STATUS, null)).isTrue();
    assertThat(session.wants(Channel.AGENT_MESSAGE, "a")).isFalse();
  }

  @Test
  void shouldNarrowToTheGivenAgentsAndWidenAgainWithoutOne() {
    SocketSession session = session(8);
    session.subscribe(List.of(Channel.AGENT_STATUS), "a");
    session.subscribe(List.of(Channel.AGENT_STATUS), "b");
    assertThat(session.wants(Channel.AGENT_STATUS, "a")).isTrue();
    assertThat(session.wants(Channel.AGENT_STATUS, "b")).isTrue();
    assertThat(session.wants(Channel.AGENT_STATUS, "c")).isFalse();
    assertThat(session.wants(Channel.AGENT_STATUS, null)).isFalse();

    session.subscribe(List.of(Channel.AGENT_STATUS), null);
    assertThat(session.wants(Channel.AGENT_STATUS, "c")).isTrue();
  }

  @Test
  void shouldDropOneAgentOrTheWholeChannelOnUnsubscribe() {
    SocketSession session = session(8);
    session.subscribe(List.of(Channel.AGENT_STATUS, Channel.NOTIFICATION), "a");
    session.subscribe(List.of(Channel.AGENT_STATUS), "b");
    session.unsubscribe(List.of(Channel.AGENT_STATUS), "a");
    assertThat(session.wants(Channel.AGENT_STATUS, "a")).isFalse();
    assertThat(session.wants(Channel.AGENT_STATUS, "b")).isTrue();
    session.unsubscribe(List.of(Channel.AGENT_STATUS), "b");
    assertThat(session.wants(Channel.AGENT_STATUS, "b")).isFalse();
    session.unsubscribe(List.of(Channel.NOTIFICATION), null);
    assertThat(session.wants(Channel.NOTIFICATION, "a")).isFalse();
  }

  @Test
  void shouldCloseWith4008InsteadOfQueueingPastTheLimit() {
    connection.writesComplete = false;
    SocketSession session = session(3);
    for (int i = 0; i < 3; i++) {
      session.send("frame " + i);
    }
    assertThat(connection.closedWith).isNull();

    session.send("one too many");

    assertThat(connection.sent).hasSize(3);
    assertThat(connection.closedWith.getCode()).isEqualTo(4008);
    session.send("after close");
    assertThat(connection.sent).hasSize(3);
  }

  @Test
  void shouldKeepSendingWhileTheClientKeepsUp() {
    SocketSession session = session(2);
    for (int i = 0; i < 100; i++) {
      session.send("frame " + i);
    }
    assertThat(connection.sent).hasSize(100);
    assertThat(connection.closedWith).isNull();
  }

  @Test
  void shouldCloseOnlyOnce() {
    SocketSession session = session(2);
    session.close(CloseCause.SESSION_REVOKED);
    session.close(CloseCause.IDLE);
    assertThat(connection.closedWith.getCode()).isEqualTo(4001);
    assertThat(session.isClosing()).isTrue();
  }
}
