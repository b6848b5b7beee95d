package io.switchboard.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.launcher.StartupArchive.Decision;
import io.switchboard.launcher.StartupArchive.Jvm;
import io.switchboard.launcher.StartupArchive.Kind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which package, archive or cache a service starts with (the files' ages decide). */
class StartupArchiveTest {
  private static final Instant BUILT = Instant.parse("2026-11-29T05:00:00Z");
  private static final Jvm JDK17 = new Jvm(17, "17.0.13+11-Debian-2", true);
  private static final Jvm JDK25 = new Jvm(25, "25.0.1+8-LTS", true);

  @TempDir Path root;

  private StackConfig config() {
    return StackConfig.builtIn(root);
  }

  private Path touch(Path file, Instant when) throws IOException {
    Files.createDirectories(file.getParent());
    Files.write(file, new byte[] {1});
    Files.setLastModifiedTime(file, FileTime.from(when));
    return file;
  }

  /** vault-service built at BUILT, its aot-jar package a minute later (./switchboard build). */
  private Path vaultPackages() throws IOException {
    touch(ServiceProcess.jar(config(), Service.VAULT), BUILT);
    return touch(aotJar(Service.VAULT), BUILT.plusSeconds(60));
  }

  private Path aotJar(Service service) {
    return StartupArchive.aotPackage(config(), service).resolve("quarkus-run.jar");
  }

  private List<String> command(Service service, Decision decision) {
    return ServiceProcess.command(config(), service, decision);
  }

  /** vault-service's command after its JVM options: the decision's option, -jar, the aot-jar. */
  private void assertRunsWith(Decision decision, String option, Path jar) {
    assertEquals(
        List.of(option, "-jar", jar.toString()), command(Service.VAULT, decision).subList(4, 7));
  }

  @Test
  void aFirstStartOfTheAotPackageRecordsAnArchiveForThisJvm() throws IOException {
    Path jar = vaultPackages();

    Decision decision = StartupArchive.decide(config(), Service.VAULT, JDK17);

    Path archive = jar.resolveSibling("app-17.0.13+11-Debian-2.jsa");
    assertEquals(Kind.RECORD, decision.kind());
    assertEquals(Optional.of(archive), decision.file());
    assertTrue(decision.note().orElseThrow().contains("records its class-data archive"));
    assertEquals(
        ServiceProcess.jvmOptions(Service.VAULT), command(Service.VAULT, decision).subList(1, 4));
    assertRunsWith(decision, "-XX:+RecordDynamicDumpInfo", jar);
  }

  @Test
  void anArchiveMadeAfterThePackageIsStartedWith() throws IOException {
    Path jar = vaultPackages();
    Path archive =
        touch(
            StartupArchive.archive(config(), Service.VAULT, JDK17.version()),
            BUILT.plusSeconds(120));

    Decision decision = StartupArchive.decide(config(), Service.VAULT, JDK17);

    assertEquals(Kind.ARCHIVE, decision.kind());
    assertRunsWith(decision, "-XX:SharedArchiveFile=" + archive, jar);
  }

  @Test
  void anArchiveOlderThanItsPackageIsRecordedAgain() throws IOException {
    vaultPackages();
    touch(StartupArchive.archive(config(), Service.VAULT, JDK17.version()), BUILT.plusSeconds(30));

    assertEquals(Kind.RECORD, StartupArchive.decide(config(), Service.VAULT, JDK17).kind());
  }

  @Test
  void anotherJvmsArchiveIsNotTried() throws IOException {
    vaultPackages();
    touch(StartupArchive.archive(config(), Service.VAULT, "17.0.99+1"), BUILT.plusSeconds(120));

    Decision decision = StartupArchive.decide(config(), Service.VAULT, JDK17);

    assertEquals(Kind.RECORD, decision.kind());
    assertEquals(
        Optional.of(StartupArchive.archive(config(), Service.VAULT, JDK17.version())),
        decision.file());
  }

  @Test
  void theArchiveIsNamedAfterTheJvmVersionWithoutPathCharacters() {
    Path archive = StartupArchive.archive(config(), Service.SKILL, "17.0.2/../x y");

    assertEquals("app-17.0.2_.._x_y.jsa", archive.getFileName().toString());
    assertEquals(StartupArchive.aotPackage(config(), Service.SKILL), archive.getParent());
  }

  @Test
  void anAotPackageOlderThanTheLastBuildIsNotRunAndSaidSo() throws IOException {
    touch(ServiceProcess.jar(config(), Service.VAULT), BUILT);
    touch(aotJar(Service.VAULT), BUILT.minusSeconds(60));
    touch(StartupArchive.archive(config(), Service.VAULT, JDK17.version()), BUILT.minusSeconds(30));

    Decision decision = StartupArchive.decide(config(), Service.VAULT, JDK17);

    assertEquals(Kind.ORDINARY, decision.kind());
    assertTrue(decision.note().orElseThrow().contains("older than its last build"));
    assertEquals(
        List.of("-jar", ServiceProcess.jar(config(), Service.VAULT).toString()),
        command(Service.VAULT, decision).subList(4, 6));
  }

  @Test
  void withoutAnAotPackageTheOrdinaryJarRunsAndNothingIsSaid() throws IOException {
    touch(ServiceProcess.jar(config(), Service.SKILL), BUILT);

    Decision decision = StartupArchive.decide(config(), Service.SKILL, JDK17);

    assertEquals(Decision.ORDINARY, decision);
    List<String> command = command(Service.SKILL, decision);
    assertEquals(
        List.of("-jar", ServiceProcess.jar(config(), Service.SKILL).toString()),
        command.subList(4, 6));
    assertEquals(6, command.size());
  }

  @Test
  void withoutJcmdNothingCanBeRecordedSoTheOrdinaryJarRuns() throws IOException {
    vaultPackages();

    Decision decision =
        StartupArchive.decide(config(), Service.VAULT, new Jvm(17, JDK17.version(), false));

    assertEquals(Kind.ORDINARY, decision.kind());
    assertTrue(decision.note().orElseThrow().contains("jcmd"));
  }

  @Test
  void jdk25RunsTheAotPackageWithItsCacheBeforeAnyArchive() throws IOException {
    Path jar = vaultPackages();
    Path cache = touch(StartupArchive.aotCache(config(), Service.VAULT), BUILT.plusSeconds(120));
    touch(StartupArchive.archive(config(), Service.VAULT, JDK25.version()), BUILT.plusSeconds(120));

    Decision decision = StartupArchive.decide(config(), Service.VAULT, JDK25);

    assertEquals(Kind.AOT_CACHE, decision.kind());
    assertEquals(Optional.of("vault-service runs with its AOT cache " + cache), decision.note());
    assertRunsWith(decision, "-XX:AOTCache=" + cache, jar);
  }

  @Test
  void anAotCacheIsNotForJdk17() throws IOException {
    vaultPackages();
    touch(StartupArchive.aotCache(config(), Service.VAULT), BUILT.plusSeconds(120));

    Decision decision = StartupArchive.decide(config(), Service.VAULT, JDK17);

    assertEquals(Kind.RECORD, decision.kind());
    assertFalse(
        command(Service.VAULT, decision).stream().anyMatch(arg -> arg.startsWith("-XX:AOTCache")));
  }

  @Test
  void aStaleAotCacheGivesWayToTheArchive() throws IOException {
    vaultPackages();
    touch(StartupArchive.aotCache(config(), Service.VAULT), BUILT.plusSeconds(30));

    assertEquals(Kind.RECORD, StartupArchive.decide(config(), Service.VAULT, JDK25).kind());
  }

  @Test
  void anAotCacheWithoutItsPackageIsSkippedAndSaidSo() throws IOException {
    touch(ServiceProcess.jar(config(), Service.AUTH), BUILT);
    touch(StartupArchive.aotCache(config(), Service.AUTH), BUILT.plusSeconds(60));

    Decision decision = StartupArchive.decide(config(), Service.AUTH, JDK25);

    assertEquals(Kind.ORDINARY, decision.kind());
    assertTrue(decision.note().orElseThrow().contains("no package beside it"));
  }

  @Test
  void theAotPackageAloneIsEnoughWithoutTheOrdinaryJar() throws IOException {
    Path jar = touch(aotJar(Service.AUTH), BUILT);

    Decision decision = StartupArchive.decide(config(), Service.AUTH, JDK17);

    assertEquals(Kind.RECORD, decision.kind());
    assertEquals(jar.toString(), command(Service.AUTH, decision).get(6));
    assertThrows(
        StackException.class, () -> command(Service.AUTH, Decision.ORDINARY), "no ordinary jar");
  }
}
