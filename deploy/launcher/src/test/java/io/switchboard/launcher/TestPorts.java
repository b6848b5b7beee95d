package io.switchboard.launcher;

import java.util.Random;

/**
 * Ports for tests that check the stack's ports, below Linux' ephemeral range (32768..), where the
 * kernel hands out ports at any moment (to port-0 listeners and outgoing connections): never a port
 * of {@code new ServerSocket(0)} released again. (The services' tests have {@code
 * io.switchboard.testing.FreePorts}; the launcher does not depend on libs/service-testing.)
 */
final class TestPorts {

  private TestPorts() {}

  /**
   * A port base whose ten ports (base .. base + 9, every port the stack takes) are all free now: CI
   * once found base + 7 (PostgreSQL's) taken when the base was itself an ephemeral port.
   */
  static int freeBase() {
    return freeRun(10);
  }

  /** One port free now. */
  static int freePort() {
    return freeRun(1);
  }

  /** The first of {@code count} consecutive free ports in 10000..29999. */
  private static int freeRun(int count) {
    Random random = new Random();
    for (int attempt = 0; attempt < 100; attempt++) {
      int base = 10_000 + random.nextInt(2_000) * 10;
      if (allFree(base, count)) {
        return base;
      }
    }
    throw new IllegalStateException("no " + count + " free port(s) in a row found below 30000");
  }

  private static boolean allFree(int base, int count) {
    for (int port = base; port < base + count; port++) {
      if (!Ports.isFree(port)) {
        return false;
      }
    }
    return true;
  }
}
