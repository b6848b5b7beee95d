package io.switchboard.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AotCacheTest {
  private static final Instant BUILT = Instant.parse("2026-11-29T05:00:00Z");

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

  /** The ordinary build of vault-service at BUILT and, if {@code trained}, its AOT package. */
  private Path vault(Instant trained) throws IOException {
    touch(ServiceProcess.jar(config(), Service.VAULT), BUILT);
    Path cache = AotCache.file(config(), Service.VAULT);
    touch(cache.resolveSibling("quarkus-run.jar"), BUILT.plusSeconds(60));
    return touch(cache, trained);
  }

  @Test
  void jdk25RunsTheAotPackageWithItsCache() throws IOException {
    Path cache = vault(BUILT.plusSeconds(120));

    AotCache.Decision decision = AotCache.decide(config(), Service.VAULT, 25);
    List<String> command = ServiceProcess.command(config(), Service.VAULT, decision.cache());

    assertEquals(Optional.of(cache), decision.cache());
    assertEquals(Optional.of("vault-service runs with its AOT cache " + cache), decision.note());
    assertEquals(ServiceProcess.jvmOptions(Service.VAULT), command.subList(1, 4));
    assertEquals(
        List.of(
            "-XX:AOTCache=" + cache, "-jar", cache.resolveSibling("quarkus-run.jar").toString()),
        command.subList(4, 7));
  }

  @Test
  void jdk17KeepsTheOrdinaryJarAndSaysNothing() throws IOException {
    vault(BUILT.plusSeconds(120));

    AotCache.Decision decision = AotCache.decide(config(), Service.VAULT, 17);
    List<String> command = ServiceProcess.command(config(), Service.VAULT, decision.cache());

    assertEquals(AotCache.Decision.ORDINARY, decision);
    assertTrue(decision.note().isEmpty());
    assertEquals(
        List.of("-jar", ServiceProcess.jar(config(), Service.VAULT).toString()),
        command.subList(4, 6));
    assertFalse(command.stream().anyMatch(arg -> arg.startsWith("-XX:AOTCache")));
  }

  @Test
  void aCacheOlderThanTheLastBuildIsSkippedAndSaidSo() throws IOException {
    vault(BUILT.minusSeconds(60));

    AotCache.Decision decision = AotCache.decide(config(), Service.VAULT, 25);
    List<String> command = ServiceProcess.command(config(), Service.VAULT, decision.cache());

    assertEquals(Optional.empty(), decision.cache());
    assertTrue(decision.note().orElseThrow().contains("WITHOUT"), "says the cache is not used");
    assertEquals(
        List.of("-jar", ServiceProcess.jar(config(), Service.VAULT).toString()),
        command.subList(4, 6));
  }

  @Test
  void aCacheWithoutItsPackageIsSkipped() throws IOException {
    Path cache = vault(BUILT.plusSeconds(120));
    Files.delete(cache.resolveSibling("quarkus-run.jar"));

    AotCache.Decision decision = AotCache.decide(config(), Service.VAULT, 25);

    assertEquals(Optional.empty(), decision.cache());
    assertTrue(decision.note().orElseThrow().contains("WITHOUT"));
  }

  @Test
  void theAotPackageAloneIsEnoughOnJdk25() throws IOException {
    Path cache = AotCache.file(config(), Service.AUTH);
    touch(cache.resolveSibling("quarkus-run.jar"), BUILT);
    touch(cache, BUILT.plusSeconds(60));

    assertEquals(Optional.of(cache), AotCache.decide(config(), Service.AUTH, 25).cache());
    Optional<Path> onJdk17 = AotCache.decide(config(), Service.AUTH, 17).cache();
    assertThrows(
        StackException.class, () -> ServiceProcess.command(config(), Service.AUTH, onJdk17));
  }

  @Test
  void aServiceWithoutACacheSaysNothing() throws IOException {
    touch(ServiceProcess.jar(config(), Service.SKILL), BUILT);

    AotCache.Decision decision = AotCache.decide(config(), Service.SKILL, 25);

    assertEquals(AotCache.Decision.ORDINARY, decision);
    assertEquals(
        List.of("-jar", ServiceProcess.jar(config(), Service.SKILL).toString()),
        ServiceProcess.command(config(), Service.SKILL, decision.cache()).subList(4, 6));
  }
}
