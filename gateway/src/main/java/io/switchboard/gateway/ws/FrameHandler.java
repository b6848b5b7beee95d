package io.switchboard.gateway.ws;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.gateway.config.GatewayConfig;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Acts on one client frame of an authenticated connection: {@code ping} → {@code pong}, {@code
 * subscribe}/{@code unsubscribe} → the acknowledgement, {@code message} → forwarded to
 * agent-service, then {@code ack} (or an error frame). Never blocks and never waits for
 * agent-service, so pings are answered while a message is on its way. A frame it cannot act on gets
 * an {@code error} frame; the connection stays open.
 */
@ApplicationScoped
public class FrameHandler {

  private final ClientFrames parser;
  private final ServerFrames frames;
  private final MessageForwarder forwarder;
  private final SocketMetrics metrics;

  public FrameHandler(
      ObjectMapper mapper,
      GatewayConfig config,
      MessageForwarder forwarder,
      SocketMetrics metrics) {
    this.parser = new ClientFrames(mapper, config.ws().maxFrameBytes());
    this.frames = new ServerFrames(mapper);
    this.forwarder = forwarder;
    this.metrics = metrics;
  }

  public ServerFrames frames() {
    return frames;
  }

  public void handle(SocketSession session, String text) {
    session.touch();
    metrics.frameIn();
    if (!admitted(session)) {
      return;
    }
    ClientFrame frame;
    try {
      frame = parser.parse(text);
    } catch (FrameError error) {
      session.send(frames.error(error.code(), error.getMessage(), null));
      return;
    }
    if (frame instanceof ClientFrame.Ping) {
      session.send(frames.pong());
    } else if (frame instanceof ClientFrame.Subscribe subscribe) {
      session.subscribe(subscribe.channels(), subscribe.agentId());
      session.send(frames.channels("subscribed", subscribe.channels(), subscribe.agentId()));
    } else if (frame instanceof ClientFrame.Unsubscribe unsubscribe) {
      session.unsubscribe(unsubscribe.channels(), unsubscribe.agentId());
      session.send(frames.channels("unsubscribed", unsubscribe.channels(), unsubscribe.agentId()));
    } else if (frame instanceof ClientFrame.Message message) {
      forwarder
          .forward(session, message)
          .onComplete(
              forwarded -> {
                if (forwarded.succeeded()) {
                  session.send(frames.ack(message.id()));
                } else if (forwarded.cause() instanceof FrameError error) {
                  session.send(frames.error(error.code(), error.getMessage(), message.id()));
                } else {
                  session.send(
                      frames.error(
                          "bad_gateway", "The message could not be forwarded", message.id()));
                }
              });
    }
  }

  /** A binary frame: only JSON text frames are understood. */
  public void handleBinary(SocketSession session) {
    session.touch();
    metrics.frameIn();
    if (!admitted(session)) {
      return;
    }
    session.send(frames.error("unsupported_frame", "Send JSON in text frames", null));
  }

  /**
   * Charges the frame to the connection's rate limit: the first refused frame gets a {@code
   * rate_limited} error frame, the next ones are dropped unanswered (answering each would flood the
   * client's send queue), and a client that keeps flooding is closed with 4429.
   */
  private boolean admitted(SocketSession session) {
    FrameBudget.Verdict verdict = session.admit();
    if (verdict == FrameBudget.Verdict.ADMITTED) {
      return true;
    }
    metrics.frameRefused();
    if (verdict == FrameBudget.Verdict.REFUSED_FIRST) {
      session.send(
          frames.error(
              "rate_limited",
              "Too many frames: slow down; frames over the limit are dropped",
              null));
    } else if (verdict == FrameBudget.Verdict.CLOSE) {
      session.close(CloseCause.RATE_LIMITED);
    }
    return false;
  }
}
