package io.switchboard.auth.password;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The hashing workers: a fixed number of daemon threads named {@code argon2} at a lower scheduling
 * priority, and a bounded queue (a full one rejects). How much of its time each worker may spend
 * hashing is its {@link Pacer}'s business.
 */
final class HashingPool extends ThreadPoolExecutor {

  HashingPool(int workers, int queue, int niceness) {
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
  }
}
