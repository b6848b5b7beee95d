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

    List<String> command = ServiceProcess.command(config(), Service.VAULT, 25);

    assertEquals(ServiceProcess.jvmOptions(Service.VAULT), command.subList(1, 4));
    assertEquals(
        List.of(
            "-XX:AOTCache=" + cache, "-jar", cache.resolveSibling("quarkus-run.jar").toString()),
        command.subList(4, 7));
    assertEquals(
        Optional.of("vault-service runs with its AOT cache " + cache),
        AotCache.note(config(), Service.VAULT, 25));
  }

  @Test
  void jdk17KeepsTheOrdinaryJarAndSaysNothing() throws IOException {
    vault(BUILT.plusSeconds(120));

    List<String> command = ServiceProcess.command(config(), Service.VAULT, 17);

    assertEquals(
        List.of("-jar", ServiceProcess.jar(config(), Service.VAULT).toString()),
        command.subList(4, 6));
    assertFalse(command.stream().anyMatch(arg -> arg.startsWith("-XX:AOTCache")));
    assertTrue(AotCache.note(config(), Service.VAULT, 17).isEmpty());
  }

  @Test
  void aCacheOlderThanTheLastBuildIsSkippedAndSaidSo() throws IOException {
    vault(BUILT.minusSeconds(60));

    List<String> command = ServiceProcess.command(config(), Service.VAULT, 25);

    assertEquals(
        List.of("-jar", ServiceProcess.jar(config(), Service.VAULT).toString()),
        command.subList(4, 6));
    assertTrue(
        AotCache.note(config(), Service.VAULT, 25).orElseThrow().contains("WITHOUT"),
        "says the cache is not used");
  }

  @Test
  void aCacheWithoutItsPackageIsSkipped() throws IOException {
    Path cache = vault(BUILT.plusSeconds(120));
    Files.delete(cache.resolveSibling("quarkus-run.jar"));

    assertTrue(AotCache.usable(config(), Service.VAULT, 25).isEmpty());
    assertTrue(AotCache.note(config(), Service.VAULT, 25).orElseThrow().contains("WITHOUT"));
  }

  @Test
  void theAotPackageAloneIsEnoughOnJdk25() throws IOException {
    Path cache = AotCache.file(config(), Service.AUTH);
    touch(cache.resolveSibling("quarkus-run.jar"), BUILT);
    touch(cache, BUILT.plusSeconds(60));

    assertEquals(Optional.of(cache), AotCache.usable(config(), Service.AUTH, 25));
    assertThrows(StackException.class, () -> ServiceProcess.command(config(), Service.AUTH, 17));
  }

  @Test
  void aServiceWithoutACacheSaysNothing() throws IOException {
    touch(ServiceProcess.jar(config(), Service.SKILL), BUILT);

    assertTrue(AotCache.note(config(), Service.SKILL, 25).isEmpty());
    assertEquals(
        List.of("-jar", ServiceProcess.jar(config(), Service.SKILL).toString()),
        ServiceProcess.command(config(), Service.SKILL, 25).subList(4, 6));
  }
}
