package io.switchboard.launcher;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** The {@code down} and {@code status} commands, which talk to a stack started by {@code up}. */
final class Control {
  private static final int STOP_WAIT_SECONDS = 30;

  private Control() {}

  /** Sends SIGTERM to the launcher of {@code switchboard.pid} and waits for it to exit. */
  static int down(StackConfig config) {
    Path pidFile = Main.pidFile(config);
    Optional<ProcessHandle> launcher = launcher(config);
    if (launcher.isEmpty()) {
      Main.deleteQuietly(pidFile);
      List<String> leftovers = List.of();
      if (Files.isDirectory(config.dataDir())) {
        try (StackLock lock = StackLock.acquire(config.dataDir())) {
          leftovers = new Leftovers(config).stopAll();
        }
      }
      leftovers.forEach(p -> System.out.println("stopped a leftover of an earlier run: " + p));
      System.out.println("Switchboard is not running");
      return 0;
    }
    ProcessHandle process = launcher.get();
    System.out.println("Stopping Switchboard (pid " + process.pid() + ")...");
    process.destroy();
    try {
      process.onExit().get(STOP_WAIT_SECONDS, TimeUnit.SECONDS);
    } catch (TimeoutException | ExecutionException e) {
      throw new StackException(
          "pid "
              + process.pid()
              + " did not stop within "
              + STOP_WAIT_SECONDS
              + " s; see "
              + config.logsDir());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StackException("interrupted while waiting for pid " + process.pid());
    }
    Main.deleteQuietly(pidFile);
    System.out.println("Switchboard stopped.");
    return 0;
  }

  /** The running launcher: the pid of {@code switchboard.pid}, else the holder of the lock. */
  private static Optional<ProcessHandle> launcher(StackConfig config) {
    try {
      String pid = Files.readString(Main.pidFile(config), StandardCharsets.UTF_8).trim();
      Optional<ProcessHandle> process = ProcessHandle.of(Long.parseLong(pid));
      if (process.isPresent() && process.get().isAlive()) {
        return process;
      }
    } catch (IOException | NumberFormatException e) {
      // no usable pid file: ask the lock
    }
    OptionalLong holder = StackLock.heldBy(config.dataDir());
    if (holder.isPresent() && holder.getAsLong() > 0) {
      return ProcessHandle.of(holder.getAsLong());
    }
    if (holder.isPresent()) {
      throw new StackException(
          "a Switchboard stack holds " + config.dataDir() + " but its pid is unknown");
    }
    return Optional.empty();
  }

  /** Prints whether PostgreSQL and Kafka accept connections and each service is ready. */
  static int status(StackConfig config) {
    OptionalLong holder = StackLock.heldBy(config.dataDir());
    System.out.println(
        "Switchboard ("
            + config.dataDir()
            + "): "
            + (holder.isPresent() ? "running, launcher pid " + holder.getAsLong() : "not running"));
    int notReady = 0;
    notReady +=
        line(
            "PostgreSQL",
            "localhost:" + config.postgresPort(),
            accepts(config.postgresPort()) ? "up" : "down");
    notReady +=
        line("Kafka", config.kafkaBootstrapServers(), accepts(config.kafkaPort()) ? "up" : "down");
    Readiness readiness = new Readiness();
    for (Service service : Service.values()) {
      int code = readiness.status(config.url(service));
      String state = code == 200 ? "ready" : code < 0 ? "down" : "not ready (HTTP " + code + ")";
      notReady += line(service.id(), config.url(service), state);
    }
    if (notReady > 0) {
      System.out.println(notReady + " of " + (Service.values().length + 2) + " parts are not up");
      return 1;
    }
    return 0;
  }

  private static int line(String name, String address, String state) {
    System.out.printf("  %-17s %-24s %s%n", name, address, state);
    return state.equals("up") || state.equals("ready") ? 0 : 1;
  }

  private static boolean accepts(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
