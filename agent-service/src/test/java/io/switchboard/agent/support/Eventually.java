package io.switchboard.agent.support;

import java.util.function.BooleanSupplier;

/** Waits for something the background worker does (no timing assertions: only an upper bound). */
public final class Eventually {

  private Eventually() {}

  public static void until(String what, BooleanSupplier condition) {
    long deadline = System.nanoTime() + 30_000_000_000L;
    while (System.nanoTime() < deadline) {
      if (condition.getAsBoolean()) {
        return;
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("Interrupted waiting for " + what);
      }
    }
    throw new AssertionError("Timed out waiting for " + what);
  }
}
