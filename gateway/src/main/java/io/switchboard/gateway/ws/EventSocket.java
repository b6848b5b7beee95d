package io.switchboard.gateway.ws;

import io.quarkus.websockets.next.OnBinaryMessage;
import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnError;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.OnPongMessage;
import io.quarkus.websockets.next.OnTextMessage;
import io.quarkus.websockets.next.UserData;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.mutiny.Uni;
import io.switchboard.defaults.security.TokenClaims;
import io.switchboard.gateway.config.GatewayConfig;
import io.switchboard.gateway.security.TokenVerifier;
import io.vertx.core.buffer.Buffer;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * {@code /ws}: the live channel of API.md. The handshake is always accepted; the token ({@link
 * HandshakeTokens}) is then verified with the gateway's {@link TokenVerifier}, and a connection
 * without a valid one is closed with 4001 before it gets anything. Frames that arrive while the
 * token is being verified wait for the verdict. Every callback runs on the event loop.
 */
@WebSocket(path = "/ws")
public class EventSocket {

  private static final Logger LOG = Logger.getLogger(EventSocket.class);
  private static final UserData.TypedKey<CompletableFuture<SocketSession>> SESSION =
      new UserData.TypedKey<>("switchboard.session");

  private final TokenVerifier verifier;
  private final SocketRegistry registry;
  private final FrameHandler handler;
  private final SocketMetrics metrics;
  private final int sendQueue;
  private final GatewayConfig.WebSocket limits;
  private final UpgradedRequests upgraded;

  public EventSocket(
      TokenVerifier verifier,
      SocketRegistry registry,
      FrameHandler handler,
      SocketMetrics metrics,
      GatewayConfig config,
      UpgradedRequests upgraded) {
    this.verifier = verifier;
    this.registry = registry;
    this.handler = handler;
    this.metrics = metrics;
    this.sendQueue = config.ws().sendQueue();
    this.limits = config.ws();
    this.upgraded = upgraded;
  }

  @OnOpen
  Uni<Void> open(WebSocketConnection connection) {
    CompletableFuture<SocketSession> ready = new CompletableFuture<>();
    connection.userData().put(SESSION, ready);
    String token = HandshakeTokens.of(connection.handshakeRequest());
    if (token == null) {
      metrics.tokenRejected("missing");
      return refuse(connection, ready, CloseCause.INVALID_TOKEN);
    }
    if (token.length() > TokenClaims.MAX_TOKEN_CHARS) {
      metrics.tokenRejected("invalid");
      return refuse(connection, ready, CloseCause.INVALID_TOKEN);
    }
    return Uni.createFrom()
        .completionStage(() -> verifier.identify(token).toCompletionStage())
        .onItemOrFailure()
        .transformToUni(
            (identity, failure) -> {
              if (failure != null) {
                metrics.tokenRejected(reason(failure));
                return refuse(connection, ready, CloseCause.INVALID_TOKEN);
              }
              SocketSession session =
                  new SocketSession(
                      connection,
                      identity,
                      token,
                      sendQueue,
                      metrics,
                      new FrameBudget(
                          limits.maxFramesPerSecond(),
                          limits.frameBurst(),
                          limits.maxRefusedFrames()));
              if (!registry.register(session)) {
                return refuse(connection, ready, CloseCause.TOO_MANY_CONNECTIONS);
              }
              if (connection.isClosed()) {
                // The client left while its token was being verified: @OnClose already ran.
                registry.remove(connection.id());
                ready.complete(null);
                return Uni.createFrom().voidItem();
              }
              session.send(handler.frames().connected(connection.id(), identity.userId()));
              ready.complete(session);
              return Uni.createFrom().voidItem();
            });
  }

  @OnTextMessage
  Uni<Void> text(WebSocketConnection connection, String text) {
    return whenReady(connection, session -> handler.handle(session, text));
  }

  @OnBinaryMessage
  Uni<Void> binary(WebSocketConnection connection, Buffer data) {
    return whenReady(connection, handler::handleBinary);
  }

  @OnPongMessage
  Uni<Void> pong(WebSocketConnection connection, Buffer data) {
    return whenReady(connection, SocketSession::touch);
  }

  @OnClose
  Uni<Void> closed(WebSocketConnection connection) {
    registry.remove(connection.id());
    upgraded.closed(connection.handshakeRequest());
    CompletableFuture<SocketSession> ready = connection.userData().remove(SESSION);
    if (ready != null) {
      ready.complete(null);
    }
    return Uni.createFrom().voidItem();
  }

  /**
   * A message over {@code quarkus.websockets-next.server.max-message-size} (split into frames that
   * each fit) is dropped by Vert.x with an exception, not closed: close it the way an oversized
   * frame is, with 1009.
   */
  @OnError
  Uni<Void> error(WebSocketConnection connection, Throwable error) {
    LOG.debugf("WebSocket %s failed: %s", connection.id(), error.toString());
    String message = String.valueOf(error.getMessage());
    if (error instanceof IllegalStateException && message.contains("max message size")) {
      metrics.closed(CloseCause.TOO_BIG);
      return connection
          .close(CloseCause.TOO_BIG.closeReason())
          .onFailure()
          .recoverWithNull()
          .replaceWithVoid();
    }
    return Uni.createFrom().voidItem();
  }

  private static Uni<Void> whenReady(
      WebSocketConnection connection, Consumer<SocketSession> action) {
    CompletableFuture<SocketSession> ready = connection.userData().get(SESSION);
    if (ready == null) {
      return Uni.createFrom().voidItem();
    }
    if (ready.isDone()) {
      SocketSession session = ready.getNow(null);
      if (session != null && !session.isClosing()) {
        action.accept(session);
      }
      return Uni.createFrom().voidItem();
    }
    return Uni.createFrom()
        .completionStage(ready)
        .invoke(
            session -> {
              if (session != null && !session.isClosing()) {
                action.accept(session);
              }
            })
        .replaceWithVoid();
  }

  private Uni<Void> refuse(
      WebSocketConnection connection, CompletableFuture<SocketSession> ready, CloseCause cause) {
    ready.complete(null);
    metrics.closed(cause);
    return connection.close(cause.closeReason()).onFailure().recoverWithNull().replaceWithVoid();
  }

  private static String reason(Throwable failure) {
    return failure instanceof TokenVerifier.RejectedTokenException rejected
        ? rejected.reason().name().toLowerCase(Locale.ROOT)
        : "invalid";
  }
}
