package io.switchboard.gateway.ws;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * WebSocket meters: {@code switchboard.gateway.ws.frames{direction=in|out}} and {@code
 * switchboard.gateway.ws.closes{cause}} (the connections gauge is {@link SocketRegistry}'s).
 */
@ApplicationScoped
public class SocketMetrics {

  private final MeterRegistry registry;
  private final Counter framesIn;
  private final Counter framesOut;

  public SocketMetrics(MeterRegistry registry) {
    this.registry = registry;
    this.framesIn = registry.counter("switchboard.gateway.ws.frames", "direction", "in");
    this.framesOut = registry.counter("switchboard.gateway.ws.frames", "direction", "out");
  }

  public void frameIn() {
    framesIn.increment();
  }

  public void frameOut() {
    framesOut.increment();
  }

  /** A client frame dropped by the connection's rate limit. */
  public void frameRefused() {
    registry.counter("switchboard.gateway.ws.frames.refused").increment();
  }

  public void closed(CloseCause cause) {
    registry.counter("switchboard.gateway.ws.closes", "cause", cause.tag()).increment();
  }

  public void tokenRejected(String reason) {
    registry.counter("switchboard.gateway.token.rejections", "reason", reason).increment();
  }
}
