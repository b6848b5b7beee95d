package io.switchboard.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcessesTest {
  @TempDir Path dir;

  @Test
  void childClasspathHoldsKafkaAndExpandsManifestClassPath() throws IOException {
    String classpath = Processes.childClasspath();
    assertTrue(classpath.contains("kafka_2.13"), classpath);

    Path lib = Files.createDirectories(dir.resolve("lib"));
    Files.createFile(lib.resolve("dep.jar"));
    Path booter = dir.resolve("booter.jar");
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    manifest.getMainAttributes().put(Attributes.Name.CLASS_PATH, "lib/dep.jar lib/absent.jar");
    try (OutputStream out = Files.newOutputStream(booter);
        JarOutputStream jar = new JarOutputStream(out, manifest)) {
      // only the manifest
    }
    String original = System.getProperty("java.class.path");
    try {
      System.setProperty("java.class.path", booter.toString());
      assertEquals(
          booter + java.io.File.pathSeparator + lib.resolve("dep.jar"), Processes.childClasspath());
    } finally {
      System.setProperty("java.class.path", original);
    }
  }

  @Test
  void tailKeepsTheLastLines() throws IOException {
    Path log = dir.resolve("x.log");
    Files.writeString(
        log,
        IntStream.rangeClosed(1, 100).mapToObj(i -> "line " + i).collect(Collectors.joining("\n")));

    List<String> tail = Processes.tail(log, 30).lines().toList();

    assertEquals(30, tail.size());
    assertEquals("line 71", tail.get(0));
    assertEquals("line 100", tail.get(29));
    assertEquals(
        "(no log at " + dir.resolve("none.log") + ")", Processes.tail(dir.resolve("none.log"), 3));
  }

  @Test
  void stopEndsDescendantsToo() throws IOException {
    Process shell = new ProcessBuilder("bash", "-c", "sleep 300 & sleep 300 & wait").start();
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (shell.descendants().count() < 2 && System.nanoTime() < deadline) {
      Thread.onSpinWait();
    }
    List<ProcessHandle> children = shell.descendants().toList();
    assertEquals(2, children.size());

    Processes.stop(shell, Duration.ofSeconds(5));

    assertFalse(shell.isAlive());
    children.forEach(child -> assertFalse(child.isAlive(), "descendant " + child.pid()));
  }
}
