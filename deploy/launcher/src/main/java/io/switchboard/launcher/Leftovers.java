package io.switchboard.launcher;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The pids of the stack's children, kept in {@code <dataDir>/run/<name>.pid} while they run, so a
 * launcher killed with SIGKILL leaves no process behind for long: the next start (or {@code down})
 * stops what the dead launcher recorded, and the PostgreSQL of {@code postmaster.pid}. Only used
 * while holding the {@link StackLock}.
 */
final class Leftovers {
  private final Path runDir;
  private final Path postmasterPid;

  Leftovers(StackConfig config) {
    this.runDir = config.dataDir().resolve("run");
    this.postmasterPid = Postgres.dataDirectory(config).resolve("postmaster.pid");
  }

  /** Remembers that {@code name} runs as {@code process}. */
  void record(String name, ProcessHandle process) {
    try {
      Files.createDirectories(runDir);
      Files.writeString(runDir.resolve(name + ".pid"), process.pid() + "\n");
    } catch (IOException e) {
      // only a safety net: the stack still works without it
    }
  }

  /** Forgets {@code name} after it was stopped. */
  void forget(String name) {
    try {
      Files.deleteIfExists(runDir.resolve(name + ".pid"));
    } catch (IOException e) {
      // a stale file is checked against the process' start time on the next start
    }
  }

  /**
   * Stops the services, then Kafka, then PostgreSQL left running by a launcher that died.
   *
   * @return one line per process stopped, e.g. {@code auth-service (pid 4242)}
   */
  List<String> stopAll() {
    List<String> stopped = new ArrayList<>();
    List<Path> files = new ArrayList<>();
    if (Files.isDirectory(runDir)) {
      try (Stream<Path> list = Files.list(runDir)) {
        list.filter(p -> p.toString().endsWith(".pid")).sorted().forEach(files::add);
      } catch (IOException e) {
        // nothing readable, nothing to stop
      }
    }
    files.sort((a, b) -> Boolean.compare(isKafka(a), isKafka(b)));
    for (Path file : files) {
      String name = file.getFileName().toString().replace(".pid", "");
      stopIfAlive(file, "java").ifPresent(pid -> stopped.add(name + " (pid " + pid + ")"));
      forgetFile(file);
    }
    stopIfAlive(postmasterPid, "postgres")
        .ifPresent(pid -> stopped.add("PostgreSQL (pid " + pid + ")"));
    return stopped;
  }

  private static boolean isKafka(Path file) {
    return file.getFileName().toString().equals("kafka.pid");
  }

  private static Optional<Long> stopIfAlive(Path pidFile, String commandPart) {
    try {
      if (!Files.exists(pidFile)) {
        return Optional.empty();
      }
      String first = Files.readAllLines(pidFile, StandardCharsets.UTF_8).get(0).trim();
      Instant written = Files.getLastModifiedTime(pidFile).toInstant();
      Optional<ProcessHandle> process = ProcessHandle.of(Long.parseLong(first));
      if (process.isEmpty() || !isOurs(process.get(), commandPart, written)) {
        return Optional.empty();
      }
      Processes.stop(process.get(), Duration.ofSeconds(15));
      return Optional.of(process.get().pid());
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /** Guards against a reused pid: same kind of program, started before the pid was written. */
  private static boolean isOurs(ProcessHandle process, String commandPart, Instant written) {
    ProcessHandle.Info info = process.info();
    boolean command = info.command().map(c -> c.contains(commandPart)).orElse(false);
    boolean started =
        info.startInstant().map(s -> !s.isAfter(written.plusSeconds(2))).orElse(false);
    return process.isAlive() && command && started;
  }

  private static void forgetFile(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      // checked again next time
    }
  }
}
