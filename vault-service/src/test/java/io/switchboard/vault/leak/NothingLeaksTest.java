package io.switchboard.vault.leak;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.switchboard.testing.KafkaProbe;
import io.switchboard.testing.SwitchboardTestResource;
import io.switchboard.testing.TestTokens;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The proof the issue asks for: many random canary values go in through every path that takes a
 * value (create, PATCH, rotate, resolve, a refused create), then the PostgreSQL data directory, a
 * {@code pg_dump}, the service's log file and every Kafka topic are searched byte for byte: no
 * canary anywhere. Each search first finds a control string planted where it must show up, so a
 * search that sees nothing cannot pass.
 */
@QuarkusTest
@WithTestResource(SwitchboardTestResource.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NothingLeaksTest {

  private static final int CANARIES = 40;
  private static final String RUN = UUID.randomUUID().toString().replace("-", "");

  /** Every canary value starts with this, so one search finds any of them. */
  private static final String MARKER = "CANARY" + RUN;

  /** Planted in places that are not secret (a description, a query string, a Kafka record). */
  private static final String CONTROL = "CONTROL" + RUN;

  @Inject DataSource dataSource;

  @ConfigProperty(name = "kafka.bootstrap.servers")
  String kafka;

  @ConfigProperty(name = "quarkus.datasource.jdbc.url")
  String jdbcUrl;

  @ConfigProperty(name = "quarkus.datasource.username")
  String dbUser;

  @ConfigProperty(name = "quarkus.datasource.password")
  String dbPassword;

  @ConfigProperty(name = "quarkus.log.file.path")
  Path logFile;

  private final List<String> canaries = new ArrayList<>();

  private String canary() {
    String value = MARKER + "-" + canaries.size() + "-" + UUID.randomUUID();
    canaries.add(value);
    return value;
  }

  /** Once per class, from the first test (the app's HTTP port is known only inside a test). */
  private void storeCanariesThroughEveryPath() throws Exception {
    if (!canaries.isEmpty()) {
      return;
    }
    UUID user = UUID.randomUUID();
    String token = TestTokens.user(user);
    for (int i = 0; i < CANARIES / 4; i++) {
      String id =
          given()
              .auth()
              .oauth2(token)
              .contentType(ContentType.JSON)
              .body(
                  Map.of(
                      "name",
                      "leak-" + i,
                      "value",
                      canary(),
                      "credentialType",
                      "api_key",
                      "description",
                      CONTROL))
              .post("/api/vault")
              .then()
              .statusCode(201)
              .extract()
              .path("id");
      given()
          .auth()
          .oauth2(token)
          .contentType(ContentType.JSON)
          .body(Map.of("value", canary()))
          .patch("/api/vault/" + id)
          .then()
          .statusCode(200);
      given()
          .auth()
          .oauth2(token)
          .contentType(ContentType.JSON)
          .body(Map.of("value", canary()))
          .post("/api/vault/" + id + "/rotate")
          .then()
          .statusCode(200);
      given()
          .auth()
          .oauth2(TestTokens.service("model-service"))
          .contentType(ContentType.JSON)
          .body(Map.of("userId", user.toString(), "credentialId", id, "purpose", "leak test"))
          .post("/internal/vault/resolve")
          .then()
          .statusCode(200);
      // A refused create: the value must not come back in the problem nor go to the log.
      String refused = canary();
      String problem =
          given()
              .auth()
              .oauth2(token)
              .contentType(ContentType.JSON)
              .body(Map.of("name", "leak-" + i, "value", refused, "credentialType", "api_key"))
              .post("/api/vault")
              .then()
              .statusCode(409)
              .extract()
              .asString();
      assertThat(problem).doesNotContain(MARKER);
    }
    // The control for the log search: a request line the access log writes.
    given().auth().oauth2(token).get("/api/vault?trace=" + CONTROL).then().statusCode(200);
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement()) {
      s.execute("CHECKPOINT");
    }
    assertThat(canaries).hasSize(CANARIES);
  }

  @Test
  void noCanaryInThePostgresqlDataDirectory() throws Exception {
    storeCanariesThroughEveryPath();
    String directory;
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SHOW data_directory")) {
      rs.next();
      directory = rs.getString(1);
    }
    Path root = Path.of(directory);
    assumeTrue(Files.isReadable(root), "the database server's files are not on this machine");
    List<Path> leaking = new ArrayList<>();
    List<Path> withControl = new ArrayList<>();
    try (var files = Files.walk(root)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        String bytes = latin1(file);
        if (bytes.contains(MARKER)) {
          leaking.add(file);
        }
        if (bytes.contains(CONTROL)) {
          withControl.add(file);
        }
      }
    }
    assertThat(withControl).as("the search finds plain text in table and WAL files").isNotEmpty();
    assertThat(leaking).as("files holding a secret value").isEmpty();
  }

  @Test
  void noCanaryInAPgDump() throws Exception {
    storeCanariesThroughEveryPath();
    Path pgDump = PgDump.find();
    assumeTrue(pgDump != null, "pg_dump is not installed (CI installs postgresql-client)");
    String dump = PgDump.dump(pgDump, jdbcUrl, dbUser, dbPassword);
    assertThat(dump).contains(CONTROL);
    assertThat(dump).doesNotContain(MARKER);
  }

  @Test
  void noCanaryInTheServiceLog() throws Exception {
    storeCanariesThroughEveryPath();
    String log = latin1(logFile);
    assertThat(log).contains(CONTROL);
    assertThat(log).doesNotContain(MARKER);
  }

  @Test
  void noCanaryOnAnyKafkaTopic() throws Exception {
    storeCanariesThroughEveryPath();
    KafkaProbe probe = new KafkaProbe(kafka);
    probe.send("leak-test-control", RUN, CONTROL);
    String everything = new String(probe.everything(), StandardCharsets.ISO_8859_1);
    assertThat(everything).contains(CONTROL);
    assertThat(everything).doesNotContain(MARKER);
  }

  /** Bytes as a string, one char per byte, so UTF-8 text is found wherever it sits. */
  private static String latin1(Path file) throws java.io.IOException {
    return new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
  }
}
