package io.switchboard.launcher;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Finds the Switchboard repository: the directory holding {@code deploy/launcher/pom.xml}. */
public final class RepoRoot {
  private RepoRoot() {}

  /**
   * {@code SWITCHBOARD_ROOT} if set, else the first directory holding {@code
   * deploy/launcher/pom.xml} above the working directory, else above the launcher's own jar.
   *
   * @throws StackException when none is found
   */
  public static Path locate() {
    String env = System.getenv("SWITCHBOARD_ROOT");
    if (env != null && !env.isBlank()) {
      return Path.of(env).toAbsolutePath().normalize();
    }
    Optional<Path> found = above(Path.of("").toAbsolutePath());
    if (found.isEmpty()) {
      found = ownLocation().flatMap(RepoRoot::above);
    }
    return found.orElseThrow(
        () ->
            new StackException(
                "cannot find the Switchboard repository (a directory with deploy/launcher/pom.xml)"
                    + " above "
                    + Path.of("").toAbsolutePath()
                    + "; run from inside it or set SWITCHBOARD_ROOT"));
  }

  /** The nearest directory at or above {@code start} that holds {@code deploy/launcher/pom.xml}. */
  public static Optional<Path> above(Path start) {
    for (Path dir = start.toAbsolutePath().normalize(); dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve("deploy").resolve("launcher").resolve("pom.xml"))) {
        return Optional.of(dir);
      }
    }
    return Optional.empty();
  }

  private static Optional<Path> ownLocation() {
    try {
      return Optional.of(
          Path.of(RepoRoot.class.getProtectionDomain().getCodeSource().getLocation().toURI()));
    } catch (URISyntaxException | RuntimeException e) {
      return Optional.empty();
    }
  }
}
