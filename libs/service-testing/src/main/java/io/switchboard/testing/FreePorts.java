package io.switchboard.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Free loopback ports for tests that must know a port before anything listens on it: a server the
 * test starts later (a stub, a broker, a Keycloak), or a port nothing listens on (a service that is
 * down).
 *
 * <p>Why not {@code new ServerSocket(0)}, read its port, close it: port 0 asks the kernel for a
 * port of its <em>ephemeral</em> range, and once that socket is closed the kernel hands the same
 * port out again, to the next listener that binds port 0 (the in-process Kafka broker, a JDK {@code
 * HttpServer}, embedded PostgreSQL) or as the local port of an outgoing connection. The test then
 * finds "its" port taken (the stub cannot bind) or answering (the "down" service is up; CI saw the
 * gateway answer 504 instead of 503). A port <em>below</em> the ephemeral range is never handed out
 * by the kernel on its own: once checked free it stays free until someone binds it by number.
 *
 * <p>The ephemeral range is read from {@code /proc/sys/net/ipv4/ip_local_port_range} (Linux), else
 * taken to start at 32768 (Linux' default; macOS' starts at 49152, above it).
 */
public final class FreePorts {

  /** The lowest port handed out: below it live the usual dev servers (8080, 5432, 9092...). */
  static final int LOWEST = 10_000;

  /** The start of the ephemeral range when the kernel does not say. */
  static final int DEFAULT_EPHEMERAL_START = 32_768;

  private static final Path RANGE = Path.of("/proc/sys/net/ipv4/ip_local_port_range");
  private static final int ATTEMPTS = 200;

  private FreePorts() {}

  /**
   * A port below the ephemeral range that nothing listens on now (checked by binding it on {@code
   * 127.0.0.1}). Bind it yourself (a server started later), or use it as a port that refuses
   * connections (a service that is down): nothing but a bind by number will take it.
   *
   * @throws IllegalStateException when no free port was found
   */
  public static int freePort() {
    return freePort(LOWEST, ephemeralStart(RANGE));
  }

  /**
   * A random port in {@code [from, to)} free on loopback now; a few hundred tries.
   *
   * @throws IllegalStateException when the range is empty (an ephemeral range starting at or below
   *     {@link #LOWEST}) or no port in it was free
   */
  static int freePort(int from, int to) {
    if (from < 1 || to > 65_536 || from >= to) {
      throw new IllegalStateException(
          "no ports below the ephemeral range to pick from: [" + from + ", " + to + ")");
    }
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      int port = ThreadLocalRandom.current().nextInt(from, to);
      if (isFree(port)) {
        return port;
      }
    }
    throw new IllegalStateException(
        "no free port in [" + from + ", " + to + ") after " + ATTEMPTS + " tries");
  }

  /** Whether {@code port} can be bound on loopback now. */
  static boolean isFree(int port) {
    try (ServerSocket probe = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
      return probe.getLocalPort() == port;
    } catch (IOException taken) {
      return false;
    }
  }

  /**
   * The first port of the ephemeral range written in {@code rangeFile} ("{@code low high}"), or
   * {@link #DEFAULT_EPHEMERAL_START} when it is missing or unreadable.
   */
  static int ephemeralStart(Path rangeFile) {
    if (!Files.isReadable(rangeFile)) {
      return DEFAULT_EPHEMERAL_START;
    }
    // Read as a stream: procfs files report size 0, and Files.readString of JDK 17 then returns
    // only
    // the first byte ("3" for "32768 60999").
    try (BufferedReader reader = Files.newBufferedReader(rangeFile)) {
      String line = reader.readLine();
      return line == null
          ? DEFAULT_EPHEMERAL_START
          : Integer.parseInt(line.trim().split("\\s+")[0]);
    } catch (IOException | NumberFormatException e) {
      return DEFAULT_EPHEMERAL_START;
    }
  }
}
