package io.switchboard.pipeline.support;

import java.time.Duration;
import java.util.function.Supplier;

/** Waits for something the executor or a consumer does in the background. */
public final class Eventually {

  private Eventually() {}

  public static <T> T await(String what, Supplier<T> probe, java.util.function.Predicate<T> done) {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    T last = null;
    while (System.nanoTime() < deadline) {
      last = probe.get();
      if (done.test(last)) {
        return last;
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("Interrupted waiting for " + what);
      }
    }
    throw new AssertionError("Timed out waiting for " + what + "; last seen: " + last);
  }
}
