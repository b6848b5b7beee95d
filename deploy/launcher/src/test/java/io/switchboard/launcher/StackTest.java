package io.switchboard.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Start failures that must happen before anything is started (no PostgreSQL, no Kafka). */
class StackTest {
  @TempDir Path root;

  @Test
  void portInUseFailsFastAndUnlocks() throws IOException {
    try (ServerSocket held = new ServerSocket(0)) {
      StackConfig config =
          StackConfig.builtIn(root)
              .withDataDir(root.resolve("data"))
              .withPortBase(TestPorts.freeBase())
              .withGatewayPort(held.getLocalPort());

      StackException e = assertThrows(StackException.class, () -> Stack.start(config, l -> {}));

      assertTrue(
          e.getMessage().startsWith("port " + held.getLocalPort() + " (gateway) is already in use"),
          e.getMessage());
      assertFalse(Files.exists(root.resolve("data/postgres")), "PostgreSQL was not started");
      assertEquals(java.util.OptionalLong.empty(), StackLock.heldBy(config.dataDir()));
    }
  }

  @Test
  void missingServiceJarFailsBeforePostgresStarts() {
    StackConfig config =
        StackConfig.builtIn(root)
            .withDataDir(root.resolve("data"))
            .withPortBase(TestPorts.freeBase());

    StackException e = assertThrows(StackException.class, () -> Stack.start(config, l -> {}));

    assertTrue(e.getMessage().contains("quarkus-run.jar is missing"), e.getMessage());
    assertFalse(Files.exists(root.resolve("data/postgres")));
  }

  @Test
  void mainPrintsUsageForUnknownCommands() {
    assertEquals(1, Main.run(new String[] {"sideways"}));
    assertEquals(0, Main.run(new String[] {"help"}));
  }
}
