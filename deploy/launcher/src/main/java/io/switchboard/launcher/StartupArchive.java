package io.switchboard.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What a service's JVM starts from besides its jar: the classes of an earlier start, kept in a file
 * beside the service's aot-jar package ({@code <module>/target/aot}, which {@code ./switchboard
 * build} makes next to the ordinary {@code target/quarkus-app}). Both kinds need that package: its
 * flat class path is read by the JVM's own class loaders, whose classes can be archived (the
 * ordinary fast-jar's class loader keeps them out). Start-up figures: bench/README.md.
 *
 * <ul>
 *   <li>a <b>class-data archive</b> ({@code app-<JVM version>.jsa}, any JDK 17+): the classes a
 *       start loaded, already parsed and verified. The launcher records it itself: a service
 *       without one runs with {@code -XX:+RecordDynamicDumpInfo}, and once the stack is up {@link
 *       ArchiveRecorder} asks its JVM to write the archive ({@code jcmd VM.cds dynamic_dump}); the
 *       next start maps it ({@code -XX:SharedArchiveFile}). Named after the JVM's version, which is
 *       the only one that can map it;
 *   <li>a Project Leyden <b>AOT cache</b> ({@code app.aot}, JDK 25+, made by {@code
 *       bench/startup/aot-train.sh}): classes loaded and linked, and profiles; preferred on a JDK
 *       25+ when present.
 * </ul>
 *
 * A file older than the package it was made from is not used (made again, for an archive); a
 * package older than the ordinary build is not used at all (it would run older code): the service
 * then runs its ordinary jar. The JVM itself refuses a file made for other jars and starts without
 * it (a warning in the service's log).
 */
final class StartupArchive {
  /** The first JDK whose AOT cache holds the classes of a Quarkus aot-jar (one-step training). */
  static final int AOT_CACHE_MIN_JAVA = 25;

  /** How a service's JVM starts. */
  enum Kind {
    /** the ordinary jar ({@code target/quarkus-app}), nothing else */
    ORDINARY,
    /** the aot-jar package with its AOT cache */
    AOT_CACHE,
    /** the aot-jar package with its class-data archive */
    ARCHIVE,
    /** the aot-jar package, ready to have its class-data archive recorded once it is up */
    RECORD
  }

  /**
   * How a service runs, decided once per service by {@link Stack}.
   *
   * @param file the AOT cache or archive it starts with ({@link Kind#AOT_CACHE}, {@link
   *     Kind#ARCHIVE}) or will have recorded ({@link Kind#RECORD}); empty for {@link Kind#ORDINARY}
   * @param note a line for the launcher's output: which of these it is, or why not the faster one
   */
  record Decision(Kind kind, Optional<Path> file, Optional<String> note) {
    static final Decision ORDINARY =
        new Decision(Kind.ORDINARY, Optional.empty(), Optional.empty());

    /** The JVM options that go with it, before {@code -jar}. */
    List<String> jvmOptions() {
      return switch (kind) {
        case ORDINARY -> List.of();
        case AOT_CACHE -> List.of("-XX:AOTCache=" + file.orElseThrow());
        case ARCHIVE -> List.of("-XX:SharedArchiveFile=" + file.orElseThrow());
        case RECORD -> List.of("-XX:+RecordDynamicDumpInfo");
      };
    }

    /** The aot-jar package's runnable jar, or empty: the ordinary one. */
    Optional<Path> jar() {
      return file.map(f -> f.resolveSibling("quarkus-run.jar"));
    }
  }

  /** The JVM the services run on (the launcher's own): what it can use and record. */
  record Jvm(int feature, String version, boolean canRecord) {
    /** This JVM; it can record an archive when it has a {@code jcmd} beside its {@code java}. */
    static Jvm current() {
      return new Jvm(
          Runtime.version().feature(),
          System.getProperty("java.vm.version"),
          Files.isExecutable(ArchiveRecorder.jcmd()));
    }
  }

  private StartupArchive() {}

  /** The aot-jar package's directory of {@code service}. */
  static Path aotPackage(StackConfig config, Service service) {
    return ServiceProcess.target(config, service).resolve("aot");
  }

  /** Where {@code aot-train.sh} writes {@code service}'s AOT cache. */
  static Path aotCache(StackConfig config, Service service) {
    return aotPackage(config, service).resolve("app.aot");
  }

  /** Where the launcher keeps {@code service}'s class-data archive for a JVM of that version. */
  static Path archive(StackConfig config, Service service, String jvmVersion) {
    return aotPackage(config, service)
        .resolve("app-" + jvmVersion.replaceAll("[^A-Za-z0-9.+_-]", "_") + ".jsa");
  }

  /** How {@code service} starts on {@code jvm}, and why. */
  static Decision decide(StackConfig config, Service service, Jvm jvm) {
    Path jar = aotPackage(config, service).resolve("quarkus-run.jar");
    Path cache = aotCache(config, service);
    if (!Files.isRegularFile(jar)) {
      return Files.isRegularFile(cache) && jvm.feature() >= AOT_CACHE_MIN_JAVA
          ? ordinary(service, "its AOT cache " + cache + " has no package beside it any more")
          : Decision.ORDINARY;
    }
    if (olderThan(jar, ServiceProcess.jar(config, service))) {
      return ordinary(
          service,
          jar + " is older than its last build; ./switchboard build makes both packages again");
    }
    if (jvm.feature() >= AOT_CACHE_MIN_JAVA && Files.isRegularFile(cache)) {
      if (!olderThan(cache, jar)) {
        return new Decision(
            Kind.AOT_CACHE,
            Optional.of(cache),
            Optional.of(service.id() + " runs with its AOT cache " + cache));
      }
      // a stale AOT cache: the class-data archive below still applies
    }
    Path archive = archive(config, service, jvm.version());
    if (Files.isRegularFile(archive) && !olderThan(archive, jar)) {
      return new Decision(
          Kind.ARCHIVE,
          Optional.of(archive),
          Optional.of(service.id() + " starts with its class-data archive " + archive));
    }
    if (!jvm.canRecord()) {
      return ordinary(service, "no jcmd beside this JVM's java to record a class-data archive");
    }
    return new Decision(
        Kind.RECORD,
        Optional.of(archive),
        Optional.of(
            service.id()
                + " records its class-data archive once it is up (its next start is faster): "
                + archive));
  }

  private static Decision ordinary(Service service, String why) {
    return new Decision(
        Kind.ORDINARY,
        Optional.empty(),
        Optional.of(service.id() + " runs its ordinary package: " + why));
  }

  /** Whether {@code file} was last written before {@code other} (false when other is missing). */
  private static boolean olderThan(Path file, Path other) {
    try {
      return Files.isRegularFile(other)
          && Files.getLastModifiedTime(file).compareTo(Files.getLastModifiedTime(other)) < 0;
    } catch (IOException e) {
      return true;
    }
  }
}
