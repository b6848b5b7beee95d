package io.switchboard.auth.password;

import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The hashing workers: a fixed number of daemon threads named {@code argon2} at a lower scheduling
 * priority, and a queue bounded twice: by its length, and by the wait a new task can expect (the
 * tasks ahead of it times a task's expected duration, shared among the workers). A task over either
 * bound is rejected at once, rather than after waiting longer than a client would (paced hashes
 * take ~10 times as long as unpaced ones, so the same queue length means very different waits).
 *
 * <p>A task's expected duration is the running average of the recent ones, but never less than the
 * fastest one seen divided by the busy share: a queued task is a storm's task, and a storm's tasks
 * are paced ({@link Pacer}). The average alone lags behind as a storm starts (a rested worker's
 * first hashes are unpaced, ~10 times faster), and a queue admitted on it would wait far longer
 * than the bound.
 */
final class HashingPool extends ThreadPoolExecutor {

  /** The newest task's weight in the running average of task durations. */
  private static final double WEIGHT = 0.2;

  private final long maxWaitNanos;
  private final double busyShare;
  private long averageNanos; // guarded by this
  private long fastestNanos = Long.MAX_VALUE; // guarded by this

  /**
   * @param busyShare the share of its time a worker may hash ({@code busy-share}, in (0, 1]): a
   *     paced task takes at least its unpaced duration divided by it
   */
  HashingPool(int workers, int queue, int niceness, Duration maxWait, double busyShare) {
    super(
        workers,
        workers,
        0,
        TimeUnit.MILLISECONDS,
        new ArrayBlockingQueue<>(queue),
        runnable -> {
          Thread thread =
              new Thread(
                  () -> {
                    ThreadNiceness.lowerCurrentThread(niceness);
                    runnable.run();
                  },
                  "argon2");
          thread.setDaemon(true);
          return thread;
        });
    if (maxWait.isNegative() || maxWait.isZero()) {
      throw new IllegalArgumentException(
          "switchboard.auth.argon2.max-wait must be more than zero, not " + maxWait);
    }
    this.maxWaitNanos = maxWait.toNanos();
    this.busyShare = busyShare;
  }

  /**
   * How long a task submitted now can expect to wait for a worker: zero while one is free, else the
   * tasks that must finish before it, at the expected duration, across the workers.
   */
  long expectedWaitNanos() {
    int workers = getMaximumPoolSize();
    long ahead = getQueue().size() + getActiveCount() - workers + 1L;
    if (ahead <= 0) {
      return 0;
    }
    return ahead * expectedTaskNanos() / workers;
  }

  /**
   * How long a queued task can be expected to take: the recent average, or paced (the fastest task
   * seen divided by the busy share) when that is longer; zero before any task was measured.
   */
  synchronized long expectedTaskNanos() {
    long paced = fastestNanos == Long.MAX_VALUE ? 0 : (long) (fastestNanos / busyShare);
    return Math.max(averageNanos, paced);
  }

  @Override
  public void execute(Runnable task) {
    long wait = expectedWaitNanos();
    if (wait > maxWaitNanos) {
      throw new Refused(wait, "expected wait " + TimeUnit.NANOSECONDS.toMillis(wait) + " ms");
    }
    try {
      super.execute(task);
    } catch (RejectedExecutionException full) {
      throw new Refused(
          wait, "queue full, expected wait " + TimeUnit.NANOSECONDS.toMillis(wait) + " ms");
    }
  }

  /** A task refused (over the expected-wait bound, or the queue full), with the wait it faced. */
  static final class Refused extends RejectedExecutionException {
    private final long waitNanos;

    Refused(long waitNanos, String message) {
      super(message);
      this.waitNanos = waitNanos;
    }

    /** How long the refused task could have expected to wait: when a retry may find room. */
    long waitNanos() {
      return waitNanos;
    }
  }

  /**
   * Submits {@code task} and counts its duration into the running average (before its result is
   * handed over). Tasks submitted otherwise (the warm-up in the interpreter, a verification of a
   * hash made at another cost) are not counted.
   */
  <T> Future<T> submitMeasured(Callable<T> task) {
    return submit(
        () -> {
          long start = System.nanoTime();
          try {
            return task.call();
          } finally {
            took(System.nanoTime() - start);
          }
        });
  }

  /** Counts a task that took {@code nanos} into the running average (and the fastest). */
  synchronized void took(long nanos) {
    averageNanos =
        averageNanos == 0 ? nanos : (long) (averageNanos + WEIGHT * (nanos - averageNanos));
    fastestNanos = Math.min(fastestNanos, nanos);
  }
}
