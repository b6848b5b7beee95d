package io.switchboard.testing.keycloak;

import io.switchboard.testing.FreePorts;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * A real Keycloak server for tests: the {@code org.keycloak:keycloak-quarkus-dist} zip (its path in
 * {@code switchboard.keycloak.dist}, set by the {@code keycloak} Maven profile) unpacked once under
 * {@code target/}, started with {@code start-dev} on free loopback ports by a JDK 21+ ({@code
 * switchboard.keycloak.java-home}, else the newest Temurin in {@code /usr/lib/jvm}), with the
 * realms of {@code src/main/resources/keycloak/*.json} imported into a fresh database.
 */
public final class KeycloakServer implements AutoCloseable {

  public static final String ADMIN = "admin";
  public static final String ADMIN_PASSWORD = "admin";
  private static final List<String> REALMS = List.of("switchboard-realm.json", "other-realm.json");

  private final Process process;
  private final int port;
  private final Path log;
  private final Duration startup;

  private KeycloakServer(Process process, int port, Path log, Duration startup) {
    this.process = process;
    this.port = port;
    this.log = log;
    this.startup = startup;
  }

  /** Unpacks (once), starts, and waits until the {@code switchboard} realm answers. */
  public static KeycloakServer start(Path workDir) {
    Instant begin = Instant.now();
    try {
      Path home = unpack(workDir);
      Path data = home.resolve("data");
      deleteTree(data);
      Path imports = Files.createDirectories(data.resolve("import"));
      for (String realm : REALMS) {
        try (InputStream in = resource("keycloak/" + realm)) {
          Files.copy(in, imports.resolve(realm), StandardCopyOption.REPLACE_EXISTING);
        }
      }
      int port = FreePorts.freePort();
      int management = FreePorts.freePort();
      while (management == port) {
        management = FreePorts.freePort();
      }
      Path log = workDir.resolve("keycloak.log");
      ProcessBuilder builder =
          new ProcessBuilder(
                  "bash",
                  home.resolve("bin/kc.sh").toString(),
                  "start-dev",
                  "--http-port=" + port,
                  "--http-management-port=" + management,
                  "--import-realm",
                  "--cache=local")
              .redirectErrorStream(true)
              .redirectOutput(log.toFile());
      builder.environment().put("JAVA_HOME", javaHome());
      builder.environment().put("KC_BOOTSTRAP_ADMIN_USERNAME", ADMIN);
      builder.environment().put("KC_BOOTSTRAP_ADMIN_PASSWORD", ADMIN_PASSWORD);
      KeycloakServer server =
          new KeycloakServer(builder.start(), port, log, Duration.between(begin, Instant.now()));
      return server.awaitReady(begin);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public String url() {
    return "http://localhost:" + port;
  }

  public int port() {
    return port;
  }

  /** How long the start took, unpacking included. */
  public Duration startup() {
    return startup;
  }

  private KeycloakServer awaitReady(Instant begin) {
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    URI probe = URI.create(url() + "/realms/switchboard/.well-known/openid-configuration");
    Instant deadline = begin.plus(Duration.ofMinutes(6));
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new IllegalStateException("Keycloak exited; see " + log);
      }
      try {
        HttpResponse<Void> answer =
            client.send(
                HttpRequest.newBuilder(probe).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.discarding());
        if (answer.statusCode() == 200) {
          return new KeycloakServer(process, port, log, Duration.between(begin, Instant.now()));
        }
      } catch (IOException e) {
        // not up yet
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
      sleep(500);
    }
    close();
    throw new IllegalStateException("Keycloak did not become ready; see " + log);
  }

  @Override
  public void close() {
    process.descendants().forEach(ProcessHandle::destroy);
    process.destroy();
    try {
      process.descendants().forEach(child -> child.onExit().join());
      if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static Path unpack(Path workDir) throws IOException {
    String dist = System.getProperty("switchboard.keycloak.dist");
    if (dist == null || dist.isBlank() || !Files.isRegularFile(Path.of(dist))) {
      throw new IllegalStateException(
          "switchboard.keycloak.dist must name the keycloak-quarkus-dist zip (run with"
              + " -Dswitchboard.keycloak=true, which turns on the keycloak profile)");
    }
    Path target = workDir.resolve("keycloak-dist");
    Path marker = target.resolve(".unpacked-" + Path.of(dist).getFileName());
    if (Files.exists(marker)) {
      return home(target);
    }
    deleteTree(target);
    Files.createDirectories(target);
    try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(Path.of(dist)))) {
      for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
        Path out = target.resolve(entry.getName()).normalize();
        if (!out.startsWith(target)) {
          continue;
        }
        if (entry.isDirectory()) {
          Files.createDirectories(out);
        } else {
          Files.createDirectories(out.getParent());
          Files.copy(zip, out, StandardCopyOption.REPLACE_EXISTING);
          if (out.toString().endsWith(".sh")) {
            out.toFile().setExecutable(true);
          }
        }
      }
    }
    Files.createFile(marker);
    return home(target);
  }

  private static Path home(Path target) throws IOException {
    try (Stream<Path> children = Files.list(target)) {
      return children
          .filter(Files::isDirectory)
          .filter(dir -> dir.getFileName().toString().startsWith("keycloak-"))
          .findFirst()
          .orElseThrow(() -> new IllegalStateException("No keycloak-* directory in " + target));
    }
  }

  /** The JDK to run Keycloak with (it needs 21+, the build may run on 17). */
  static String javaHome() {
    String configured = System.getProperty("switchboard.keycloak.java-home");
    if (configured != null && !configured.isBlank()) {
      return configured;
    }
    try (Stream<Path> jdks = Files.list(Path.of("/usr/lib/jvm"))) {
      Optional<Path> temurin =
          jdks.filter(dir -> dir.getFileName().toString().matches("temurin-(2[1-9]|[3-9]\\d).*"))
              .max(Comparator.comparing(Path::toString));
      return temurin
          .map(Path::toString)
          .orElseThrow(() -> new IllegalStateException("No JDK 21+ under /usr/lib/jvm"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static InputStream resource(String name) {
    InputStream in = KeycloakServer.class.getClassLoader().getResourceAsStream(name);
    if (in == null) {
      throw new IllegalStateException("Missing test resource " + name);
    }
    return in;
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
