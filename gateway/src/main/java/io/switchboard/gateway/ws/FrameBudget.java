package io.switchboard.gateway.ws;

import java.util.function.LongSupplier;

/**
 * The inbound rate limit of one WebSocket: a token bucket of {@code burst} frames refilled at
 * {@code perSecond}. A frame without a token is refused; refusals are counted until the bucket is
 * full again (the client paused long enough), so a steady flood keeps adding up even though a token
 * trickles in now and then. Thread-safe; no timer, the clock is read on each frame.
 */
public final class FrameBudget {

  /** What to do with one inbound frame. */
  public enum Verdict {
    /** Within the budget: handle it. */
    ADMITTED,
    /** The first frame over the budget since the bucket was last full: drop it, tell the client. */
    REFUSED_FIRST,
    /** Over the budget again: drop it silently. */
    REFUSED,
    /** {@code maxRefused} frames were refused without a pause: close the connection. */
    CLOSE
  }

  private final double perNano;
  private final int burst;
  private final int maxRefused;
  private final LongSupplier clock;
  private double tokens;
  private long last;
  private int refused;

  public FrameBudget(int perSecond, int burst, int maxRefused, LongSupplier clock) {
    if (perSecond < 1 || burst < 1 || maxRefused < 1) {
      throw new IllegalArgumentException("frame budget values must be positive");
    }
    this.perNano = perSecond / 1e9;
    this.burst = burst;
    this.maxRefused = maxRefused;
    this.clock = clock;
    this.tokens = burst;
    this.last = clock.getAsLong();
  }

  public FrameBudget(int perSecond, int burst, int maxRefused) {
    this(perSecond, burst, maxRefused, System::nanoTime);
  }

  /** A budget that admits everything (for sessions built without a limit). */
  public static FrameBudget unlimited() {
    return new FrameBudget(Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE);
  }

  public synchronized Verdict take() {
    long now = clock.getAsLong();
    tokens = Math.min(burst, tokens + Math.max(0, now - last) * perNano);
    last = now;
    if (tokens >= burst) {
      refused = 0;
    }
    if (tokens >= 1) {
      tokens -= 1;
      return Verdict.ADMITTED;
    }
    refused++;
    if (refused >= maxRefused) {
      return Verdict.CLOSE;
    }
    return refused == 1 ? Verdict.REFUSED_FIRST : Verdict.REFUSED;
  }

  /** Frames refused since the bucket was last full. */
  public synchronized int refused() {
    return refused;
  }
}
