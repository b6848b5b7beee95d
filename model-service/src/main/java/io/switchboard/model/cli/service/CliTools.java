package io.switchboard.model.cli.service;

import io.switchboard.model.config.CliConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** The configured subscription CLI tools: where they are on PATH, their versions, running them. */
@ApplicationScoped
public class CliTools {

  /** One tool as found on this host. */
  public record Status(
      String name, String command, boolean available, String version, String path) {}

  /** What a run printed (stdout and stderr together) and how it ended. */
  public record Run(int exitCode, String output, boolean timedOut) {}

  private final CliConfig config;

  public CliTools(CliConfig config) {
    this.config = config;
  }

  public Map<String, CliConfig.Tool> configured() {
    return new TreeMap<>(config.tools());
  }

  public Optional<CliConfig.Tool> tool(String name) {
    return Optional.ofNullable(config.tools().get(name));
  }

  public List<Status> status() {
    List<Status> list = new ArrayList<>();
    configured()
        .forEach(
            (name, tool) -> {
              Optional<Path> path = locate(tool.command());
              String version = null;
              if (path.isPresent()) {
                Run run =
                    run(List.of(path.get().toString(), "--version"), null, config.versionTimeout());
                version = run.exitCode() == 0 && !run.timedOut() ? firstLine(run.output()) : null;
              }
              list.add(
                  new Status(
                      name,
                      tool.command(),
                      path.isPresent(),
                      version,
                      path.map(Path::toString).orElse(null)));
            });
    return list;
  }

  /** The executable: a path as given, else the first match on {@code PATH}. */
  public Optional<Path> locate(String command) {
    if (command.contains(File.separator)) {
      Path p = Path.of(command);
      return Files.isRegularFile(p) && Files.isExecutable(p) ? Optional.of(p) : Optional.empty();
    }
    String pathEnv = Optional.ofNullable(System.getenv("PATH")).orElse("");
    for (String dir : pathEnv.split(File.pathSeparator)) {
      if (dir.isBlank()) {
        continue;
      }
      Path p = Path.of(dir, command);
      if (Files.isRegularFile(p) && Files.isExecutable(p)) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }

  /** Runs a command (no shell), {@code stdin} written then closed, killed after the timeout. */
  public Run run(List<String> command, String stdin, Duration timeout) {
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    Process process;
    try {
      process = pb.start();
    } catch (IOException e) {
      return new Run(-1, "cannot start " + command.get(0) + ": " + e.getMessage(), false);
    }
    CompletableFuture<String> output =
        CompletableFuture.supplyAsync(() -> readAll(process.getInputStream()));
    try (var in = process.getOutputStream()) {
      if (stdin != null) {
        in.write(stdin.getBytes(StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      // the tool does not read stdin
    }
    try {
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        return new Run(-1, "", true);
      }
      return new Run(process.exitValue(), output.get(5, TimeUnit.SECONDS), false);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
      return new Run(-1, "", true);
    } catch (Exception e) {
      return new Run(process.exitValue(), "", false);
    }
  }

  public Duration runTimeout() {
    return config.runTimeout();
  }

  private static String readAll(InputStream in) {
    try {
      return new String(in.readNBytes(4 * 1024 * 1024), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "";
    }
  }

  private static String firstLine(String s) {
    String line = s.strip().lines().findFirst().orElse("");
    return line.length() > 200 ? line.substring(0, 200) : line;
  }
}
