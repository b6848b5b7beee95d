package io.switchboard.launcher;

import java.util.Random;

/** Ports for tests that check the stack's ports. */
final class TestPorts {

  private TestPorts() {}

  /**
   * A port base whose ten ports (base .. base + 9, every port the stack takes) are all free now,
   * below Linux' ephemeral range (32768..), where outgoing connections take ports at any moment: CI
   * once found base + 7 (PostgreSQL's) taken when the base was itself an ephemeral port.
   */
  static int freeBase() {
    Random random = new Random();
    for (int attempt = 0; attempt < 100; attempt++) {
      int base = 10_000 + random.nextInt(2_000) * 10;
      if (allFree(base, 10)) {
        return base;
      }
    }
    throw new IllegalStateException("no ten free ports in a row found below 30000");
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
