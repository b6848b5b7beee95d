package io.switchboard.auth.password;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The hashing workers: a fixed number of daemon threads named {@code argon2} at a lower scheduling
 * priority, a bounded queue (a full one rejects), and a duty cycle: after each task a worker rests
 * in proportion to the time the task took, so that it is busy at most {@code busyShare} of the
 * time. The rest comes after the task's result is handed over, so it delays the next hash, never
 * the one just done. Time is wall-clock time: a hash slowed down by other work on the machine is
 * followed by a longer rest.
 */
final class HashingPool extends ThreadPoolExecutor {

  private final double restPerBusy;
  private final ThreadLocal<long[]> started = ThreadLocal.withInitial(() -> new long[1]);

  HashingPool(int workers, int queue, int niceness, double busyShare) {
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
    if (!(busyShare > 0 && busyShare <= 1)) {
      throw new IllegalArgumentException(
          "switchboard.auth.argon2.busy-share must be above 0 and at most 1, not " + busyShare);
    }
    this.restPerBusy = (1 - busyShare) / busyShare;
  }

  /** How long a worker rests after a task that took {@code busyNanos}. */
  long restNanos(long busyNanos) {
    return (long) (busyNanos * restPerBusy);
  }

  @Override
  protected void beforeExecute(Thread worker, Runnable task) {
    started.get()[0] = System.nanoTime();
  }

  @Override
  protected void afterExecute(Runnable task, Throwable failure) {
    long rest = restNanos(System.nanoTime() - started.get()[0]);
    long until = System.nanoTime() + rest;
    // parkNanos may return early (spuriously, or on shutdownNow's interrupt: then stop resting)
    while (rest > 0 && !Thread.currentThread().isInterrupted()) {
      LockSupport.parkNanos(this, rest);
      rest = until - System.nanoTime();
    }
  }
}
