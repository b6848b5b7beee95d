package io.switchboard.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;

/**
 * A real PostgreSQL for a test run: embedded binaries by default, or the server named by {@code
 * SWITCHBOARD_TEST_PG_URL} (a JDBC URL of a database the user may create databases from) with
 * {@code SWITCHBOARD_TEST_PG_USER} / {@code SWITCHBOARD_TEST_PG_PASSWORD}. Either way each run gets
 * a database of its own, dropped at the end.
 */
final class TestPostgres implements AutoCloseable {

  private final EmbeddedPostgres embedded;
  private final String adminUrl;
  private final String user;
  private final String password;
  private final String database;

  private TestPostgres(EmbeddedPostgres embedded, String adminUrl, String user, String password) {
    this.embedded = embedded;
    this.adminUrl = adminUrl;
    this.user = user;
    this.password = password;
    this.database = "sb_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    execute("CREATE DATABASE " + database);
  }

  static TestPostgres start() {
    String external = System.getenv("SWITCHBOARD_TEST_PG_URL");
    if (external != null && !external.isBlank()) {
      return new TestPostgres(
          null,
          external,
          System.getenv().getOrDefault("SWITCHBOARD_TEST_PG_USER", "postgres"),
          System.getenv().getOrDefault("SWITCHBOARD_TEST_PG_PASSWORD", ""));
    }
    try {
      // zonky would pick its port as ServerSocket(0)-and-close, then run initdb (seconds) before
      // PostgreSQL binds it: time enough for the kernel to hand that port to someone else.
      EmbeddedPostgres pg = EmbeddedPostgres.builder().setPort(FreePorts.freePort()).start();
      return new TestPostgres(pg, pg.getJdbcUrl("postgres", "postgres"), "postgres", "postgres");
    } catch (IOException e) {
      throw new UncheckedIOException("Could not start the embedded PostgreSQL", e);
    }
  }

  /** The Quarkus datasource configuration for this run's database. */
  Map<String, String> config() {
    String url = adminUrl.replaceFirst("/[^/?]*(\\?|$)", "/" + database + "$1");
    return Map.of(
        "quarkus.datasource.jdbc.url", url,
        "quarkus.datasource.username", user,
        "quarkus.datasource.password", password);
  }

  @Override
  public void close() throws IOException {
    try {
      if (embedded == null) {
        execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
      }
    } finally {
      if (embedded != null) {
        embedded.close();
      }
    }
  }

  private void execute(String sql) {
    try (Connection connection = DriverManager.getConnection(adminUrl, user, password);
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException("PostgreSQL at " + adminUrl + " refused: " + sql, e);
    }
  }
}
