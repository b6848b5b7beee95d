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
 * tasks ahead of it times the running average of a task's duration, shared among the workers). A
 * task over either bound is rejected at once, rather than after waiting longer than a client would
 * (paced hashes take ~10 times as long as unpaced ones, so the same queue length means very
 * different waits). How much of its time each worker may spend hashing is its {@link Pacer}'s
 * business.
 */
final class HashingPool extends ThreadPoolExecutor {

  /** The newest task's weight in the running average of task durations. */
  private static final double WEIGHT = 0.2;

  private final int workers;
  private final long maxWaitNanos;
  private long averageNanos; // guarded by this

  HashingPool(int workers, int queue, int niceness, Duration maxWait) {
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
    this.workers = workers;
    this.maxWaitNanos = maxWait.toNanos();
  }

  /**
   * How long a task submitted now can expect to wait for a worker: zero while one is free, else the
   * tasks that must finish before it, at the running average duration, across the workers.
   */
  long expectedWaitNanos() {
    long ahead = getQueue().size() + getActiveCount() - workers + 1L;
    if (ahead <= 0) {
      return 0;
    }
    synchronized (this) {
      return ahead * averageNanos / workers;
    }
  }

  @Override
  public void execute(Runnable task) {
    long wait = expectedWaitNanos();
    if (wait > maxWaitNanos) {
      throw new RejectedExecutionException(
          "expected wait " + TimeUnit.NANOSECONDS.toMillis(wait) + " ms");
    }
    super.execute(task);
  }

  /**
   * Submits {@code task} and counts its duration into the running average (before its result is
   * handed over). Tasks submitted otherwise (a warm-up in the interpreter) are not counted.
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

  /** Counts a task that took {@code nanos} into the running average. */
  synchronized void took(long nanos) {
    averageNanos =
        averageNanos == 0 ? nanos : (long) (averageNanos + WEIGHT * (nanos - averageNanos));
  }
}
