package io.switchboard.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A service's Project Leyden AOT cache (JDK 25+): {@code <module>/target/aot/app.aot} beside the
 * service's aot-jar package in {@code <module>/target/aot}, both made by {@code
 * bench/startup/aot-train.sh}. The launcher runs that package with {@code -XX:AOTCache} instead of
 * {@code target/quarkus-app} when it runs on a JDK 25+ itself (the services run on the launcher's
 * own java; Java 17 does not know the option) and the cache is not older than the service's
 * ordinary build (a build after the training would otherwise run the older code in target/aot). The
 * JVM itself refuses a cache made for other jars and runs without it. Start-up figures:
 * bench/README.md.
 */
final class AotCache {
  /** The first JDK whose AOT cache holds the classes of a Quarkus aot-jar (one-step training). */
  static final int MIN_JAVA = 25;

  private AotCache() {}

  /** Where {@code aot-train.sh} writes {@code service}'s cache. */
  static Path file(StackConfig config, Service service) {
    return ServiceProcess.target(config, service).resolve("aot").resolve("app.aot");
  }

  /**
   * Whether a service runs with its AOT cache, made once per service by {@link Stack}.
   *
   * @param cache the cache to run with (its aot-jar package beside it), or empty: the ordinary jar
   * @param note a line for the launcher's output when the service has a cache and the JVM could use
   *     it: that it does, or why not; empty without a cache or below JDK 25
   */
  record Decision(Optional<Path> cache, Optional<String> note) {
    static final Decision ORDINARY = new Decision(Optional.empty(), Optional.empty());
  }

  /** Whether {@code service} runs with its AOT cache on a JVM of that feature version, and why. */
  static Decision decide(StackConfig config, Service service, int javaFeature) {
    Path cache = file(config, service);
    if (javaFeature < MIN_JAVA || !Files.isRegularFile(cache)) {
      return Decision.ORDINARY;
    }
    if (Files.isRegularFile(cache.resolveSibling("quarkus-run.jar"))
        && !olderThanBuild(config, service, cache)) {
      return new Decision(
          Optional.of(cache), Optional.of(service.id() + " runs with its AOT cache " + cache));
    }
    return new Decision(
        Optional.empty(),
        Optional.of(
            service.id()
                + " runs WITHOUT its AOT cache "
                + cache
                + ": built again since (or its package is gone); run bench/startup/aot-train.sh"
                + " again"));
  }

  private static boolean olderThanBuild(StackConfig config, Service service, Path cache) {
    Path jar = ServiceProcess.jar(config, service);
    try {
      return Files.isRegularFile(jar)
          && Files.getLastModifiedTime(jar).compareTo(Files.getLastModifiedTime(cache)) > 0;
    } catch (IOException e) {
      return true;
    }
  }
}
