package io.switchboard.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FreePortsTest {

  private static final Path KERNEL_RANGE = Path.of("/proc/sys/net/ipv4/ip_local_port_range");

  @TempDir Path dir;

  @Test
  void shouldPickABindablePortBelowTheEphemeralRange() throws IOException {
    int ephemeralStart = FreePorts.ephemeralStart(KERNEL_RANGE);
    for (int i = 0; i < 20; i++) {
      int port = FreePorts.freePort();

      assertTrue(port >= FreePorts.LOWEST, port + " below " + FreePorts.LOWEST);
      assertTrue(port < ephemeralStart, port + " not below the ephemeral start " + ephemeralStart);
      try (ServerSocket bound = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
        assertEquals(port, bound.getLocalPort());
      }
    }
  }

  @Test
  void shouldNeverReturnAPortSomethingListensOn() throws IOException {
    int port = FreePorts.freePort();
    try (ServerSocket held = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
      assertFalse(FreePorts.isFree(port));
      IllegalStateException e =
          assertThrows(IllegalStateException.class, () -> FreePorts.freePort(port, port + 1));
      assertTrue(e.getMessage().startsWith("no free port in [" + port), e.getMessage());
    }
    assertEquals(port, FreePorts.freePort(port, port + 1), "free again once released");
  }

  @Test
  void shouldSayWhenThereIsNoRangeBelowTheEphemeralOne() {
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> FreePorts.freePort(FreePorts.LOWEST, 1024));

    assertEquals("no ports below the ephemeral range to pick from: [10000, 1024)", e.getMessage());
  }

  @Test
  void shouldReadTheStartOfTheEphemeralRangeFromTheKernelsFile() throws IOException {
    Path range = Files.writeString(dir.resolve("range"), "40000\t60999\n");

    assertEquals(40_000, FreePorts.ephemeralStart(range));
  }

  @Test
  void shouldReadTheKernelsOwnFileWhichReportsSizeZero() throws IOException {
    assumeTrue(Files.isReadable(KERNEL_RANGE), "not Linux");
    String line = Files.readAllLines(KERNEL_RANGE).get(0);

    assertEquals(Integer.parseInt(line.split("\\s+")[0]), FreePorts.ephemeralStart(KERNEL_RANGE));
  }

  @Test
  void shouldAssumeLinuxDefaultWithoutAReadableRange() throws IOException {
    assertEquals(32_768, FreePorts.ephemeralStart(dir.resolve("missing")));
    assertEquals(
        32_768, FreePorts.ephemeralStart(Files.writeString(dir.resolve("garbage"), "ports\n")));
    assertEquals(32_768, FreePorts.ephemeralStart(Files.writeString(dir.resolve("empty"), "")));
  }
}
