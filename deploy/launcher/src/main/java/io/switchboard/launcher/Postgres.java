package io.switchboard.launcher;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A real PostgreSQL (zonky's embedded binaries) whose data directory, {@code <dataDir>/postgres},
 * is kept between runs: zonky runs {@code initdb} only when {@code postgresql.conf} is missing
 * there, so the second start reuses the databases. User {@code postgres}, trust authentication.
 */
final class Postgres implements AutoCloseable {
  private final EmbeddedPostgres postgres;

  private Postgres(EmbeddedPostgres postgres) {
    this.postgres = postgres;
  }

  /** The databases the services own: {@code switchboard_auth}, {@code switchboard_agent}... */
  static List<String> databases() {
    List<String> names = new ArrayList<>();
    for (Service service : Service.values()) {
      service.database().ifPresent(names::add);
    }
    return names;
  }

  /** The data directory inside the stack's data dir. */
  static Path dataDirectory(StackConfig config) {
    return config.dataDir().resolve("postgres");
  }

  /** Starts PostgreSQL on the configured port and creates the missing service databases. */
  static Postgres start(StackConfig config) {
    Path log = config.logsDir().resolve("postgres.log");
    EmbeddedPostgres postgres;
    try {
      Files.createDirectories(config.logsDir());
      Files.deleteIfExists(log);
      postgres =
          EmbeddedPostgres.builder()
              .setPort(config.postgresPort())
              .setDataDirectory(dataDirectory(config))
              .setCleanDataDirectory(false)
              .setRegisterShutdownHook(false)
              .setLocaleConfig("locale", "C")
              .setOutputRedirector(Redirect.appendTo(log.toFile()))
              .setErrorRedirector(Redirect.appendTo(log.toFile()))
              .setPGStartupWait(Duration.ofSeconds(60))
              .start();
    } catch (IOException | RuntimeException e) {
      throw new StackException(
          Processes.failure(
              "PostgreSQL on port " + config.postgresPort(), "did not start (" + e + ")", log),
          e);
    }
    Postgres started = new Postgres(postgres);
    try {
      started.createDatabases(databases());
    } catch (SQLException e) {
      started.close();
      throw new StackException("PostgreSQL started, but creating the databases failed: " + e, e);
    }
    return started;
  }

  /** Creates every database of {@code names} that does not exist yet. */
  void createDatabases(List<String> names) throws SQLException {
    try (Connection connection = postgres.getPostgresDatabase().getConnection();
        Statement statement = connection.createStatement()) {
      Set<String> existing = new HashSet<>();
      try (ResultSet rows = statement.executeQuery("SELECT datname FROM pg_database")) {
        while (rows.next()) {
          existing.add(rows.getString(1));
        }
      }
      for (String name : names) {
        if (!existing.contains(name)) {
          statement.execute("CREATE DATABASE \"" + name + "\"");
        }
      }
    }
  }

  /** Stops PostgreSQL ({@code pg_ctl stop -m fast}); the data directory stays. */
  @Override
  public void close() {
    try {
      postgres.close();
    } catch (IOException e) {
      throw new StackException("could not stop PostgreSQL: " + e, e);
    }
  }
}
