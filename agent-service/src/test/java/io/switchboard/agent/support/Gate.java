package io.switchboard.agent.support;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Holds a stubbed call until the test opens it; tells the test when the call arrived. */
public final class Gate {

  private final CountDownLatch arrived = new CountDownLatch(1);
  private final CountDownLatch open = new CountDownLatch(1);

  private volatile boolean answered;

  void passThrough() {
    arrived.countDown();
    try {
      open.await(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    answered = true;
  }

  /** The held call has been let through (answered), opened or timed out. */
  public boolean answered() {
    return answered;
  }

  public void awaitArrival() throws InterruptedException {
    if (!arrived.await(30, TimeUnit.SECONDS)) {
      throw new AssertionError("The call never arrived");
    }
  }

  public void open() {
    open.countDown();
  }
}
