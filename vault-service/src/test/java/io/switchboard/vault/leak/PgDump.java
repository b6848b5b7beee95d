package io.switchboard.vault.leak;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** Runs the PostgreSQL client's {@code pg_dump} against the test database. */
final class PgDump {

  private PgDump() {}

  /** {@code pg_dump} on the PATH or in Debian's versioned directories, newest first; or null. */
  static Path find() throws IOException {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
      Path candidate = Path.of(dir, "pg_dump");
      if (Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    Path debian = Path.of("/usr/lib/postgresql");
    if (!Files.isDirectory(debian)) {
      return null;
    }
    try (Stream<Path> versions = Files.list(debian)) {
      return versions
          .map(v -> v.resolve("bin/pg_dump"))
          .filter(Files::isExecutable)
          .max(Path::compareTo)
          .orElse(null);
    }
  }

  /** The plain SQL dump of the database {@code jdbcUrl} names. */
  static String dump(Path pgDump, String jdbcUrl, String user, String password)
      throws IOException, InterruptedException {
    URI uri = URI.create(jdbcUrl.substring("jdbc:".length()));
    String database = uri.getPath().substring(1);
    ProcessBuilder builder =
        new ProcessBuilder(
            List.of(
                pgDump.toString(),
                "--host=" + uri.getHost(),
                "--port=" + uri.getPort(),
                "--username=" + user,
                "--no-password",
                database));
    builder.environment().put("PGPASSWORD", password);
    builder.redirectError(ProcessBuilder.Redirect.INHERIT);
    Process process = builder.start();
    byte[] out = process.getInputStream().readAllBytes();
    if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
      throw new AssertionError("pg_dump failed (exit " + process.exitValue() + ")");
    }
    return new String(out, StandardCharsets.ISO_8859_1);
  }
}
