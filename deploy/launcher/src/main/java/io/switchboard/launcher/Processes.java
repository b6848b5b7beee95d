package io.switchboard.launcher;

import java.io.File;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/** Helpers for the child processes: which java, which classpath, how to stop, what they logged. */
final class Processes {
  private static final int TAIL_BYTES = 64 * 1024;

  private Processes() {}

  /** The {@code java} of the JVM running the launcher. */
  static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  /**
   * This JVM's classpath with every jar's manifest {@code Class-Path} expanded, as absolute paths.
   * Covers {@code java -jar switchboard-launcher.jar} (the jar lists {@code lib/*.jar}) and
   * Surefire's manifest-only booter jar, so a child JVM sees the Kafka jars in both cases.
   */
  static String childClasspath() {
    Set<Path> entries = new LinkedHashSet<>();
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      if (!entry.isBlank()) {
        expand(Path.of(entry).toAbsolutePath().normalize(), entries);
      }
    }
    List<String> paths = new ArrayList<>();
    entries.forEach(path -> paths.add(path.toString()));
    return String.join(File.pathSeparator, paths);
  }

  private static void expand(Path path, Set<Path> entries) {
    if (!Files.exists(path) || !entries.add(path) || !path.toString().endsWith(".jar")) {
      return;
    }
    String classPath;
    try (JarFile jar = new JarFile(path.toFile())) {
      Manifest manifest = jar.getManifest();
      classPath =
          manifest == null
              ? null
              : manifest.getMainAttributes().getValue(Attributes.Name.CLASS_PATH);
    } catch (IOException e) {
      return;
    }
    if (classPath == null) {
      return;
    }
    URI base = path.toUri();
    for (String item : classPath.trim().split("\\s+")) {
      try {
        URI uri = base.resolve(item);
        if ("file".equals(uri.getScheme())) {
          expand(Path.of(uri).normalize(), entries);
        }
      } catch (IllegalArgumentException e) {
        // not a usable entry (malformed URL): the JVM would skip it too
      }
    }
  }

  /** Stops {@code process} and its descendants: SIGTERM, up to {@code grace}, then SIGKILL. */
  static void stop(ProcessHandle process, Duration grace) {
    List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
    tree.add(0, process);
    tree.forEach(ProcessHandle::destroy);
    long deadline = System.nanoTime() + grace.toNanos();
    for (ProcessHandle handle : tree) {
      long left = Math.max(0, deadline - System.nanoTime());
      try {
        handle.onExit().get(left, TimeUnit.NANOSECONDS);
      } catch (TimeoutException | ExecutionException e) {
        handle.destroyForcibly();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        tree.forEach(ProcessHandle::destroyForcibly);
        break;
      }
    }
  }

  /**
   * Kills {@code process} and its descendants with SIGKILL and waits (up to 30 s) until they exit.
   */
  static void kill(ProcessHandle process) {
    List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
    tree.add(0, process);
    tree.forEach(ProcessHandle::destroyForcibly);
    for (ProcessHandle handle : tree) {
      try {
        handle.onExit().get(30, TimeUnit.SECONDS);
      } catch (TimeoutException | ExecutionException e) {
        throw new StackException("process " + handle.pid() + " survived SIGKILL for 30 s");
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /**
   * Stops {@code process} (see {@link #stop(ProcessHandle, Duration)}) and returns its exit code.
   */
  static int stop(Process process, Duration grace) {
    stop(process.toHandle(), grace);
    try {
      return process.waitFor(5, TimeUnit.SECONDS) ? process.exitValue() : -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  /** The last {@code lines} lines of {@code log}, or a note that there is none. */
  static String tail(Path log, int lines) {
    try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
      long start = Math.max(0, file.length() - TAIL_BYTES);
      byte[] bytes = new byte[(int) (file.length() - start)];
      file.seek(start);
      file.readFully(bytes);
      List<String> all = new String(bytes, StandardCharsets.UTF_8).lines().toList();
      return String.join(
          System.lineSeparator(), all.subList(Math.max(0, all.size() - lines), all.size()));
    } catch (IOException e) {
      return "(no log at " + log + ")";
    }
  }

  /** Describes a child that exited or hung, quoting its log. */
  static String failure(String what, String why, Path log) {
    String n = System.lineSeparator();
    return what
        + " "
        + why
        + "; its log is "
        + log
        + n
        + "--- last 30 lines ---"
        + n
        + tail(log, 30);
  }
}
