package io.switchboard.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

/**
 * WebSocket clients that behave as the gateway README asks on close 1012: reconnect, and another
 * replica serves you. The same sockets move from replica to replica across a rolling restart; a
 * control socket on the replica that stays must stay open.
 */
final class SocketMover implements AutoCloseable {

  private static final String PING = "{\"type\":\"ping\"}";

  private final String token;
  private final int count;
  private final List<String> closes = new ArrayList<>();
  private List<WsProbe> held = new ArrayList<>();
  private WsProbe control;
  private int reconnections;
  private int controlsKept;

  SocketMover(String token, int count) {
    this.token = token;
    this.count = count;
  }

  /**
   * Before {@code leaving} gets SIGTERM: the held sockets are on it (opened there the first time;
   * afterwards they are where the last move put them), and a control socket is opened on {@code
   * staying}.
   */
  void holdOn(Replica leaving, Replica staying) throws Exception {
    if (held.isEmpty()) {
      for (int i = 0; i < count; i++) {
        held.add(WsProbe.open(leaving.url(), token));
      }
    }
    control = WsProbe.open(staying.url(), token);
  }

  /**
   * Waits for each held socket to be closed, then reconnects it to a replica {@code client} finds
   * ready (which must not be {@code leaving}) and checks the new connection with a ping.
   */
  void moveWhenClosed(ReadyClient client, Replica leaving) throws Exception {
    List<WsProbe> moved = new ArrayList<>();
    for (WsProbe socket : held) {
      closes.add(socket.closeCause());
      socket.close();
      List<Replica> ready = client.ready();
      assertThat(ready)
          .as("replicas ready for a reconnection")
          .isNotEmpty()
          .doesNotContain(leaving);
      WsProbe again = WsProbe.open(ready.get(0).url(), token);
      assertThat(again.send(PING)).isTrue();
      again.await(WsProbe.type("pong"));
      moved.add(again);
      reconnections++;
    }
    held = moved;
    if (!control.closed.isDone() && control.send(PING)) {
      control.await(WsProbe.type("pong"));
      controlsKept++;
    }
    control.close();
  }

  /** "code reason" of every close the held sockets received. */
  List<String> closes() {
    return List.copyOf(closes);
  }

  int reconnections() {
    return reconnections;
  }

  int controlsKept() {
    return controlsKept;
  }

  @Override
  public void close() {
    held.forEach(WsProbe::close);
    if (control != null) {
      control.close();
    }
  }
}
