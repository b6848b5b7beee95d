package io.switchboard.launcher;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

/**
 * The command line: {@code up [--infra]}, {@code down}, {@code status}. Exits 0 when all went well,
 * 1 with a one-line {@code switchboard: ...} message (no stack trace) otherwise.
 */
public final class Main {
  static final String USAGE =
      """
      usage: switchboard <command>
        up [--infra]  start PostgreSQL, Kafka and every service (--infra: PostgreSQL and Kafka only)
        down          stop the stack started by 'up'
        status        show what is running and ready
      environment: SWITCHBOARD_DATA_DIR, SWITCHBOARD_PORT_BASE, SWITCHBOARD_GATEWAY_PORT,
        SWITCHBOARD_<AUTH|AGENT|MODEL|SKILL|VAULT|PIPELINE>_PORT, SWITCHBOARD_PG_PORT,
        SWITCHBOARD_KAFKA_PORT, SWITCHBOARD_KAFKA_CONTROLLER_PORT, SWITCHBOARD_READY_TIMEOUT_SECONDS
      services run on this launcher's java; a service whose aot-jar package <module>/target/aot
        is built (./switchboard build) runs it with the class-data archive its first start there
        recorded (faster start-up; on a JDK 25+ with an AOT cache from bench/startup/aot-train.sh
        instead, when there is one)
      """;

  private Main() {}

  /** Runs a command and exits with its code. */
  public static void main(String[] args) {
    System.exit(run(args));
  }

  static int run(String[] args) {
    String command = args.length == 0 ? "" : args[0];
    List<String> options = Arrays.asList(args).subList(Math.min(1, args.length), args.length);
    try {
      return switch (command) {
        case "up" -> up(options.contains("--infra"));
        case "down" -> Control.down(config());
        case "status" -> Control.status(config());
        case "help", "-h", "--help" -> {
          System.out.print(USAGE);
          yield 0;
        }
        default -> {
          System.err.print(USAGE);
          yield 1;
        }
      };
    } catch (StackException | IllegalArgumentException e) {
      System.err.println("switchboard: " + e.getMessage());
      return 1;
    } catch (RuntimeException e) {
      System.err.println("switchboard: unexpected error: " + e);
      return 1;
    }
  }

  private static StackConfig config() {
    return StackConfig.defaults(RepoRoot.locate());
  }

  static Path pidFile(StackConfig config) {
    return config.dataDir().resolve("switchboard.pid");
  }

  private static int up(boolean infraOnly) {
    StackConfig config = infraOnly ? config().withServices(Set.of()) : config();
    Path pidFile = pidFile(config);
    System.out.println("Starting Switchboard (data in " + config.dataDir() + ")");
    Stack stack = Stack.start(config, line -> System.out.println("  " + line));
    writePid(pidFile);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  System.out.println("Stopping Switchboard...");
                  stack.close();
                  deleteQuietly(pidFile);
                  System.out.println("Switchboard stopped.");
                },
                "switchboard-cli-shutdown"));
    System.out.printf(
        Locale.ROOT,
        "%nSwitchboard is up in %.1f s%n",
        stack.timings().get("total").toMillis() / 1000.0);
    if (infraOnly) {
      System.out.println("  PostgreSQL " + config.jdbcUrl("<db>") + " (user postgres)");
      System.out.println("  Kafka      " + config.kafkaBootstrapServers());
    } else {
      System.out.println("  Gateway  " + config.gatewayUrl());
      System.out.println("  Swagger  " + config.gatewayUrl() + "/swagger");
    }
    System.out.println("  Logs     " + config.logsDir());
    System.out.println("Ctrl-C (or ./switchboard down) stops everything.");
    try {
      new CountDownLatch(1).await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return 0;
  }

  private static void writePid(Path pidFile) {
    try {
      Files.writeString(
          pidFile, ProcessHandle.current().pid() + System.lineSeparator(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      System.err.println("switchboard: could not write " + pidFile + ": " + e.getMessage());
    }
  }

  static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      // a stale pid file is recognised as such by 'down'
    }
  }
}
