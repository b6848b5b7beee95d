package io.switchboard.auth.password;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

/**
 * Keeps one hashing thread busy at most {@code share} of its time, as a token bucket of busy time:
 * the bucket fills at {@code share} of wall-clock time and holds at most {@code burst}, each piece
 * of work takes its duration out, and when it runs dry the thread rests until it is back at zero.
 * {@link Argon2id} reports after each of its segments (a hash at t=2 has 8), so under a login storm
 * a worker alternates a few milliseconds of hashing with rests nine times as long (share 0.1), and
 * other requests never see the core taken for a whole hash. A rested worker has its burst in hand:
 * a lone sign-in, or a few a second, are hashed without a single rest.
 *
 * <p>Time is wall-clock time: a segment slowed down by other work counts in full. One instance per
 * thread, never shared: not thread-safe.
 */
final class Pacer {

  /** Never rests (and so keeps no state: the one instance may be shared). */
  static final Pacer NONE = new Pacer(1, Duration.ZERO);

  private final double share;
  private final long burstNanos;
  private long credit;
  private long filledAt;

  /**
   * @param share the share of wall-clock time this thread may be busy, above 0 and at most 1
   * @param burst the busy time a rested thread may spend at once before it rests, at least zero
   */
  Pacer(double share, Duration burst) {
    this(share, burst, System.nanoTime());
  }

  /** A pacer whose bucket is full at {@code now} (a {@link System#nanoTime} reading). */
  Pacer(double share, Duration burst, long now) {
    check(share, burst);
    this.share = share;
    this.burstNanos = burst.toNanos();
    this.credit = burstNanos;
    this.filledAt = now;
  }

  /** Refuses a share outside (0, 1] and a negative burst, naming the settings. */
  static void check(double share, Duration burst) {
    if (!(share > 0 && share <= 1)) {
      throw new IllegalArgumentException(
          "switchboard.auth.argon2.busy-share must be above 0 and at most 1, not " + share);
    }
    if (burst.isNegative()) {
      throw new IllegalArgumentException(
          "switchboard.auth.argon2.burst must be zero or more, not " + burst);
    }
  }

  /** Called after {@code busyNanos} of work: rests when that emptied the bucket. */
  void worked(long busyNanos) {
    if (share < 1) {
      rest(owed(busyNanos, System.nanoTime()));
    }
  }

  /**
   * Books {@code busyNanos} of work ending at {@code now} and answers how long to rest: zero while
   * there is credit, else as long as refilling to zero takes at {@code share}.
   */
  long owed(long busyNanos, long now) {
    if (share >= 1) {
      return 0;
    }
    // the bucket fills all the time (while working too), but overflows only while idle
    long idle = Math.max(0, now - filledAt - busyNanos);
    credit =
        Math.min(burstNanos, credit + (long) (idle * share)) - (long) (busyNanos * (1 - share));
    filledAt = now;
    return credit < 0 ? (long) (-credit / share) : 0;
  }

  private static void rest(long nanos) {
    long until = System.nanoTime() + nanos;
    // parkNanos may return early (spuriously, or on shutdownNow's interrupt: then stop resting)
    while (nanos > 0 && !Thread.currentThread().isInterrupted()) {
      LockSupport.parkNanos(Pacer.class, nanos);
      nanos = until - System.nanoTime();
    }
  }
}
