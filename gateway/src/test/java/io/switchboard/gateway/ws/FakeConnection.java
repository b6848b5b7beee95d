package io.switchboard.gateway.ws;

import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.mutiny.Uni;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/** A {@link WebSocketConnection} that records what is sent and how it was closed. */
final class FakeConnection {

  final String id = UUID.randomUUID().toString();
  final List<String> sent = new CopyOnWriteArrayList<>();
  volatile CloseReason closedWith;

  /** When false, writes never complete: a client that stopped reading. */
  volatile boolean writesComplete = true;

  WebSocketConnection proxy() {
    return Stand.in(
        WebSocketConnection.class,
        (name, args) ->
            switch (name) {
              case "id" -> id;
              case "isClosed" -> closedWith != null;
              case "sendText" -> {
                sent.add(String.valueOf(args[0]));
                yield writesComplete
                    ? Uni.createFrom().voidItem()
                    : Uni.createFrom().emitter(emitter -> {});
              }
              case "close" -> {
                closedWith = args == null ? CloseReason.NORMAL : (CloseReason) args[0];
                yield Uni.createFrom().voidItem();
              }
              default -> throw new UnsupportedOperationException(name);
            });
  }
}
