package io.switchboard.model.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** Fake subscription CLI tools: shell scripts the tests write into a temporary directory. */
public final class FakeCli {

  private static final Path DIR = dir();

  private FakeCli() {}

  /** One directory per JVM (a system property), whichever class loader asks first. */
  private static synchronized Path dir() {
    String existing = System.getProperty("switchboard.test.fake-cli-dir");
    if (existing != null) {
      return Path.of(existing);
    }
    try {
      Path target = Files.createDirectories(Path.of("target"));
      Path dir = Files.createTempDirectory(target, "fake-cli").toAbsolutePath();
      System.setProperty("switchboard.test.fake-cli-dir", dir.toString());
      return dir;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  public static String path(String name) {
    return DIR.resolve(name).toString();
  }

  /** Writes an executable {@code /bin/sh} script named {@code name}. */
  public static void write(String name, String body) {
    Path p = DIR.resolve(name);
    try {
      Files.writeString(p, "#!/bin/sh\n" + body + "\n", StandardCharsets.UTF_8);
      Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwx------"));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
