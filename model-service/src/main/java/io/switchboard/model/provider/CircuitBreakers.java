package io.switchboard.model.provider;

import io.switchboard.model.config.ModelsConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One circuit breaker per provider and endpoint: after {@code failureThreshold} consecutive
 * retryable failures it opens for {@code openFor}, then lets one trial call through (half open); a
 * success closes it. Per replica, in memory.
 */
@ApplicationScoped
public class CircuitBreakers {

  private final int threshold;
  private final Duration openFor;
  private final Map<String, State> states = new ConcurrentHashMap<>();
  private Clock clock = Clock.systemUTC();

  public CircuitBreakers(ModelsConfig config) {
    this.threshold = config.breaker().failureThreshold();
    this.openFor = config.breaker().openFor();
  }

  /** For tests. */
  void clock(Clock clock) {
    this.clock = clock;
  }

  public static String key(Target target) {
    return target.kind().wire() + "@" + (target.endpoint() == null ? "" : target.endpoint());
  }

  /** Whether a call may go out now; reserves the half-open trial. */
  public synchronized boolean allow(String key) {
    State s = states.get(key);
    if (s == null || s.openUntil == null) {
      return true;
    }
    Instant now = clock.instant();
    if (now.isBefore(s.openUntil)) {
      return false;
    }
    s.openUntil = now.plus(openFor); // one trial; reopened unless it succeeds
    return true;
  }

  /** Open and not yet due for a trial. */
  public synchronized boolean isOpen(String key) {
    State s = states.get(key);
    return s != null && s.openUntil != null && clock.instant().isBefore(s.openUntil);
  }

  public synchronized void success(String key) {
    states.remove(key);
  }

  public synchronized void failure(String key) {
    State s = states.computeIfAbsent(key, k -> new State());
    s.failures++;
    if (s.failures >= threshold) {
      s.openUntil = clock.instant().plus(openFor);
    }
  }

  private static final class State {
    int failures;
    Instant openUntil;
  }
}
