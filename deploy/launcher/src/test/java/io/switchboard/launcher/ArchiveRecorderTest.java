package io.switchboard.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.switchboard.launcher.StartupArchive.Decision;
import io.switchboard.launcher.StartupArchive.Kind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real JVMs (the fake service) recording and mapping a class-data archive through jcmd. */
class ArchiveRecorderTest {
  @TempDir Path root;
  private final List<ServiceProcess> processes = new ArrayList<>();

  @AfterEach
  void stopWhatWasStarted() {
    processes.forEach(ServiceProcess::stop); // also when a test failed half-way
  }

  private StackConfig config() throws IOException {
    return StackConfig.builtIn(root)
        .withPortBase(TestPorts.freeBase())
        .withDataDir(root.resolve("data"))
        .withReadyTimeout(Duration.ofSeconds(30));
  }

  /** The fake as vault-service's ordinary jar and, built after it, as its aot-jar package. */
  private Path installWithAotPackage(StackConfig config) throws IOException {
    FakeServiceJar.install(root);
    Path jar = StartupArchive.aotPackage(config, Service.VAULT).resolve("quarkus-run.jar");
    Files.createDirectories(jar.getParent());
    Files.copy(root.resolve("fake.jar"), jar, StandardCopyOption.REPLACE_EXISTING);
    Files.setLastModifiedTime(
        ServiceProcess.jar(config, Service.VAULT),
        FileTime.from(Files.getLastModifiedTime(jar).toInstant().minusSeconds(60)));
    return jar;
  }

  private ServiceProcess started(StackConfig config, Decision decision, List<String> crashes) {
    ServiceProcess process =
        new ServiceProcess(Service.VAULT, config, new Leftovers(config), decision, Map.of());
    processes.add(process);
    process.start(false, crashes::add);
    new Readiness().await(config, List.of(process), () -> false, (s, t) -> {});
    return process;
  }

  private List<Path> leftoverPartials(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(f -> f.getFileName().toString().matches(".*\\.jsa\\.\\d+")).toList();
    }
  }

  @Test
  void aRunningServiceWritesItsArchiveAndTheNextStartMapsIt() throws Exception {
    assumeTrue(Files.isExecutable(ArchiveRecorder.jcmd()), "a JDK with jcmd");
    StackConfig config = config();
    Path jar = installWithAotPackage(config);
    Decision first = StartupArchive.decide(config, Service.VAULT, StartupArchive.Jvm.current());
    assertEquals(Kind.RECORD, first.kind());
    List<String> crashes = new ArrayList<>();
    ServiceProcess process = started(config, first, crashes);
    Path archive = first.file().orElseThrow();

    String line =
        new ArchiveRecorder(l -> {})
            .record(
                new ArchiveRecorder.Job("vault-service", process.handle().orElseThrow(), archive));

    assertTrue(line.startsWith("vault-service: class-data archive recorded ("), line);
    assertTrue(Files.size(archive) > 0);
    assertEquals(List.of(), leftoverPartials(archive.getParent()));
    assertTrue(process.isAlive(), "the service keeps running");
    process.stop();
    assertEquals(List.of(), crashes);

    Decision next = StartupArchive.decide(config, Service.VAULT, StartupArchive.Jvm.current());
    assertEquals(Kind.ARCHIVE, next.kind());
    // the fake's own class comes out of the archive: -Xshare:on would refuse to start otherwise
    Files.writeString(root.resolve("fail"), "");
    List<String> command = new ArrayList<>(ServiceProcess.command(config, Service.VAULT, next));
    command.addAll(1, List.of("-Xshare:on", "-Xlog:class+load=info"));
    Process run =
        new ProcessBuilder(command).directory(root.toFile()).redirectErrorStream(true).start();
    String output = new String(run.getInputStream().readAllBytes());
    assertTrue(run.waitFor(60, TimeUnit.SECONDS));
    assertEquals(3, run.exitValue(), output);
    assertTrue(output.contains("Fake source: shared objects file (top)"), output);
    assertTrue(command.contains(jar.toString()));
  }

  @Test
  void aJvmNotStartedToRecordWritesNothingAndTheServiceGoesOn() throws Exception {
    assumeTrue(Files.isExecutable(ArchiveRecorder.jcmd()), "a JDK with jcmd");
    StackConfig config = config();
    installWithAotPackage(config);
    List<String> crashes = new ArrayList<>();
    ServiceProcess process = started(config, Decision.ORDINARY, crashes);
    Path archive = StartupArchive.archive(config, Service.VAULT, "test");

    String line =
        new ArchiveRecorder(l -> {})
            .record(
                new ArchiveRecorder.Job("vault-service", process.handle().orElseThrow(), archive));

    assertTrue(line.startsWith("vault-service: no class-data archive recorded ("), line);
    assertFalse(Files.exists(archive));
    assertEquals(List.of(), leftoverPartials(archive.getParent()));
    assertTrue(process.isAlive());
    process.stop();
    assertEquals(List.of(), crashes);
  }
}
