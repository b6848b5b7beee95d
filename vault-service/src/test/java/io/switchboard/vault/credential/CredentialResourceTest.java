package io.switchboard.vault.credential;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.switchboard.testing.SwitchboardTestResource;
import io.switchboard.testing.TestTokens;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(SwitchboardTestResource.class)
class CredentialResourceTest {

  private static final String SERVICE = "model-service";

  @Inject DataSource dataSource;

  private static String secret() {
    return "sk-" + UUID.randomUUID().toString().replace("-", "");
  }

  private static ValidatableResponse post(UUID user, Object body) {
    return given()
        .auth()
        .oauth2(TestTokens.user(user))
        .contentType(ContentType.JSON)
        .body(body)
        .post("/api/vault")
        .then();
  }

  private static String create(UUID user, String name, String type, String value) {
    return post(user, Map.of("name", name, "value", value, "credentialType", type))
        .statusCode(201)
        .extract()
        .path("id");
  }

  private static ValidatableResponse resolve(Map<String, Object> body) {
    return given()
        .auth()
        .oauth2(TestTokens.service(SERVICE))
        .contentType(ContentType.JSON)
        .body(body)
        .post("/internal/vault/resolve")
        .then();
  }

  private static ValidatableResponse resolve(UUID user, String id) {
    return resolve(Map.of("userId", user.toString(), "credentialId", id, "purpose", "test"));
  }

  private void sql(String statement, Object... args) throws Exception {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(statement)) {
      for (int i = 0; i < args.length; i++) {
        ps.setObject(i + 1, args[i]);
      }
      ps.executeUpdate();
    }
  }

  @Test
  void listAndGetNeverShowTheValueButAPreview() {
    UUID user = UUID.randomUUID();
    String value = secret();
    String id = create(user, "openai", "api_key", value);
    String list =
        given()
            .auth()
            .oauth2(TestTokens.user(user))
            .get("/api/vault")
            .then()
            .statusCode(200)
            .body("total", is(1))
            .body("hasMore", is(false))
            .body("credentials[0].id", equalTo(id))
            .body("credentials[0].preview", equalTo("••••" + value.substring(value.length() - 4)))
            .body("credentials[0].version", is(1))
            .extract()
            .asString();
    assertFalse(list.contains(value));
    String one =
        given()
            .auth()
            .oauth2(TestTokens.user(user))
            .get("/api/vault/" + id)
            .then()
            .statusCode(200)
            .body("name", equalTo("openai"))
            .body("credentialType", equalTo("api_key"))
            .extract()
            .asString();
    assertFalse(one.contains(value));
    assertFalse(one.contains("\"value\""));
  }

  @Test
  void createAnswers201WithLocationAndNoValueAndShortValuesHaveAFullMask() {
    UUID user = UUID.randomUUID();
    String body =
        post(
                user,
                Map.of(
                    "name", "pw",
                    "value", "short",
                    "credentialType", "password",
                    "tags", new String[] {"a", "b"}))
            .statusCode(201)
            .header("Location", containsString("/api/vault/"))
            .body("preview", equalTo("••••"))
            .body("tags", hasItem("b"))
            .extract()
            .asString();
    assertFalse(body.contains("short"));
  }

  @Test
  void theValueRoundTripsOnlyThroughResolveAndIsAudited() {
    UUID user = UUID.randomUUID();
    String value = secret();
    String id = create(user, "anthropic", "api_key", value);
    resolve(user, id)
        .statusCode(200)
        .body("value", equalTo(value))
        .body("version", is(1))
        .body("name", equalTo("anthropic"));
    resolve(Map.of("userId", user.toString(), "name", "anthropic"))
        .statusCode(200)
        .body("value", equalTo(value));
    given()
        .auth()
        .oauth2(TestTokens.user(user))
        .get("/api/vault/" + id + "/audit")
        .then()
        .statusCode(200)
        .body("entries.size()", is(2))
        .body("entries[0].service", equalTo(SERVICE))
        .body("entries[0].outcome", equalTo("resolved"))
        .body("entries[1].purpose", equalTo("test"))
        .body("entries[0].resolvedAt", notNullValue());
  }

  @Test
  void anotherUserGets404Everywhere() {
    UUID owner = UUID.randomUUID();
    UUID other = UUID.randomUUID();
    String id = create(owner, "mine", "api_key", secret());
    String token = TestTokens.user(other);
    given().auth().oauth2(token).get("/api/vault/" + id).then().statusCode(404);
    given()
        .auth()
        .oauth2(token)
        .contentType(ContentType.JSON)
        .body(Map.of("description", "x"))
        .patch("/api/vault/" + id)
        .then()
        .statusCode(404);
    given().auth().oauth2(token).delete("/api/vault/" + id).then().statusCode(404);
    given()
        .auth()
        .oauth2(token)
        .contentType(ContentType.JSON)
        .body("{}")
        .post("/api/vault/" + id + "/rotate")
        .then()
        .statusCode(404);
    given().auth().oauth2(token).get("/api/vault/" + id + "/audit").then().statusCode(404);
    resolve(other, id).statusCode(404);
    resolve(Map.of("userId", other.toString(), "name", "mine")).statusCode(404);
    resolve(UUID.randomUUID(), UUID.randomUUID().toString()).statusCode(404);
    given()
        .auth()
        .oauth2(TestTokens.user(owner))
        .get("/api/vault/" + id + "/audit")
        .then()
        .statusCode(200)
        .body("entries[0].outcome", equalTo("denied"));
  }

  @Test
  void aUserTokenCannotResolve() {
    UUID user = UUID.randomUUID();
    String id = create(user, "x", "api_key", secret());
    given()
        .auth()
        .oauth2(TestTokens.user(user))
        .contentType(ContentType.JSON)
        .body(Map.of("userId", user.toString(), "credentialId", id))
        .post("/internal/vault/resolve")
        .then()
        .statusCode(403);
  }

  @Test
  void rotateIncrementsTheVersionAndResolveReturnsTheNewValue() {
    UUID user = UUID.randomUUID();
    String id = create(user, "tok", "oauth_token", secret());
    String next = secret();
    given()
        .auth()
        .oauth2(TestTokens.user(user))
        .contentType(ContentType.JSON)
        .body(Map.of("value", next))
        .post("/api/vault/" + id + "/rotate")
        .then()
        .statusCode(200)
        .body("id", equalTo(id))
        .body("version", is(2))
        .body("rotatedAt", notNullValue());
    resolve(user, id).statusCode(200).body("value", equalTo(next)).body("version", is(2));
  }

  @Test
  void rotateGeneratesAValueForApiKeysButNotForSshKeys() {
    UUID user = UUID.randomUUID();
    String original = secret();
    String id = create(user, "gen", "api_key", original);
    given()
        .auth()
        .oauth2(TestTokens.user(user))
        .post("/api/vault/" + id + "/rotate")
        .then()
        .statusCode(200)
        .body("version", is(2));
    String generated = resolve(user, id).statusCode(200).extract().path("value");
    assertNotEquals(original, generated);
    assertTrue(generated.matches("[A-Za-z0-9_-]{43}"), generated);

    String ssh = create(user, "ssh", "ssh_key", secret());
    given()
        .auth()
        .oauth2(TestTokens.user(user))
        .contentType(ContentType.JSON)
        .body("{}")
        .post("/api/vault/" + ssh + "/rotate")
        .then()
        .statusCode(400)
        .body("errors[0].field", equalTo("value"));
  }

  @Test
  void patchChangesMetadataAndAValueMakesANewVersion() {
    UUID user = UUID.randomUUID();
    String id = create(user, "before", "password", secret());
    String next = secret();
    given()
        .auth()
        .oauth2(TestTokens.user(user))
        .contentType(ContentType.JSON)
        .body(Map.of("name", "after", "description", "d", "value", next))
        .patch("/api/vault/" + id)
        .then()
        .statusCode(200)
        .body("name", equalTo("after"))
        .body("description", equalTo("d"))
        .body("version", is(2));
    resolve(Map.of("userId", user.toString(), "name", "after"))
        .statusCode(200)
        .body("value", equalTo(next));
  }

  @Test
  void deleteAnswers204AndTheCredentialIsGone() {
    UUID user = UUID.randomUUID();
    String id = create(user, "gone", "api_key", secret());
    given().auth().oauth2(TestTokens.user(user)).delete("/api/vault/" + id).then().statusCode(204);
    given().auth().oauth2(TestTokens.user(user)).get("/api/vault/" + id).then().statusCode(404);
    resolve(user, id).statusCode(404);
  }

  @Test
  void duplicateNameIs409() {
    UUID user = UUID.randomUUID();
    create(user, "dup", "api_key", secret());
    post(user, Map.of("name", "dup", "value", secret(), "credentialType", "api_key"))
        .statusCode(409)
        .body("code", equalTo("name_taken"));
    // another user may use the same name
    create(UUID.randomUUID(), "dup", "api_key", secret());
  }

  @Test
  void badInputIs400NamingTheField() {
    UUID user = UUID.randomUUID();
    post(user, Map.of("name", "a", "credentialType", "api_key"))
        .statusCode(400)
        .body("errors.field", hasItem("value"));
    post(user, Map.of("name", "a", "value", "x".repeat(65537), "credentialType", "api_key"))
        .statusCode(400)
        .body("errors.field", hasItem("value"));
    post(user, Map.of("name", "a", "value", "x", "credentialType", "magic"))
        .statusCode(400)
        .body("errors.field", hasItem("credentialType"));
    post(
            user,
            Map.of(
                "name",
                "a",
                "value",
                "x",
                "credentialType",
                "api_key",
                "expiresAt",
                Instant.now().minusSeconds(60).toString()))
        .statusCode(400)
        .body("errors.field", hasItem("expiresAt"));
    post(user, Map.of("name", "bad name!", "value", "x", "credentialType", "api_key"))
        .statusCode(400)
        .body("errors.field", hasItem("name"));
    post(user, "{\"name\": \"a\", \"value\": ").statusCode(400);
    // 64 KiB means bytes: 40,000 two-byte characters are 80,000 bytes
    post(user, Map.of("name", "a", "value", "é".repeat(40000), "credentialType", "api_key"))
        .statusCode(400)
        .body("errors.field", hasItem("value"));
    // exactly 64 KiB is fine
    post(user, Map.of("name", "big", "value", "y".repeat(65536), "credentialType", "other"))
        .statusCode(201);
  }

  @Test
  void aTamperedCiphertextIsUnreadableNotA500() throws Exception {
    UUID user = UUID.randomUUID();
    String id = create(user, "tamper", "api_key", secret());
    sql(
        "update credential_secret set ciphertext = set_byte(ciphertext, 20,"
            + " get_byte(ciphertext, 20) # 1) where credential_id = ?",
        UUID.fromString(id));
    resolve(user, id)
        .statusCode(409)
        .body("code", equalTo("credential_unreadable"))
        .body("detail", equalTo("The stored value cannot be decrypted; rotate it"));
    given()
        .auth()
        .oauth2(TestTokens.user(user))
        .get("/api/vault/" + id + "/audit")
        .then()
        .body("entries[0].outcome", equalTo("unreadable"));
  }

  @Test
  void aCiphertextMovedToAnotherCredentialFails() throws Exception {
    UUID user = UUID.randomUUID();
    String from = create(user, "from", "api_key", secret());
    String to = create(user, "to", "api_key", secret());
    sql(
        "update credential_secret t set ciphertext = s.ciphertext,"
            + " wrapped_data_key = s.wrapped_data_key from credential_secret s"
            + " where s.credential_id = ? and t.credential_id = ?",
        UUID.fromString(from),
        UUID.fromString(to));
    resolve(user, from).statusCode(200);
    resolve(user, to).statusCode(409).body("code", equalTo("credential_unreadable"));
  }

  @Test
  void anExpiredCredentialIsNotResolved() throws Exception {
    UUID user = UUID.randomUUID();
    String id = create(user, "old", "api_key", secret());
    sql(
        "update credential set expires_at = now() - interval '1 minute' where id = ?",
        UUID.fromString(id));
    resolve(user, id).statusCode(409).body("code", equalTo("credential_expired"));
  }

  @Test
  void theDatabaseNeverHoldsThePlaintext() throws Exception {
    UUID user = UUID.randomUUID();
    String canary = "canary-" + UUID.randomUUID() + "-" + UUID.randomUUID();
    String id = create(user, "canary", "password", canary);
    resolve(user, id).statusCode(200).body("value", equalTo(canary));
    String hex = HexFormat.of().formatHex(canary.getBytes(StandardCharsets.UTF_8));
    // the tail is in the preview on purpose; search for the rest of it
    String head = canary.substring(0, canary.length() - 4);
    String headHex = hex.substring(0, hex.length() - 8);
    int rows = 0;
    try (Connection c = dataSource.getConnection()) {
      for (String table : new String[] {"credential", "credential_secret", "credential_audit"}) {
        try (PreparedStatement ps =
            c.prepareStatement(
                "select count(*), sum(case when t::text like ? or t::text like ? then 1 else 0"
                    + " end) from "
                    + table
                    + " t")) {
          ps.setString(1, "%" + head + "%");
          ps.setString(2, "%" + headHex + "%");
          try (ResultSet rs = ps.executeQuery()) {
            rs.next();
            rows += rs.getInt(1);
            assertEquals(0, rs.getInt(2), "canary found in " + table);
          }
        }
      }
    }
    assertTrue(rows >= 3, "searched " + rows + " rows");
  }

  private long count(String query, Object... args) throws Exception {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(query)) {
      for (int i = 0; i < args.length; i++) {
        ps.setObject(i + 1, args[i]);
      }
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  private static ValidatableResponse rotate(UUID user, String id, String body) {
    return given()
        .auth()
        .oauth2(TestTokens.user(user))
        .contentType(ContentType.JSON)
        .body(body)
        .post("/api/vault/" + id + "/rotate")
        .then();
  }

  @Test
  void rotationKeepsThePreviousVersionForTheGraceAndDestroysExpiredOnes() throws Exception {
    UUID user = UUID.randomUUID();
    String id = create(user, "grace", "api_key", secret());
    UUID cid = UUID.fromString(id);
    rotate(user, id, "{}").statusCode(200).body("version", is(2));
    assertEquals(
        1,
        count(
            "select count(*) from credential_secret where credential_id = ? and version = 1"
                + " and destroy_after between now() + interval '59 minutes'"
                + " and now() + interval '61 minutes'",
            cid));
    sql(
        "update credential_secret set destroy_after = now() - interval '1 second'"
            + " where credential_id = ? and version = 1",
        cid);
    rotate(user, id, "{}").statusCode(200).body("version", is(3));
    assertEquals(
        0,
        count(
            "select count(*) from credential_secret where credential_id = ? and version = 1", cid));
    assertEquals(2, count("select count(*) from credential_secret where credential_id = ?", cid));
  }

  @Test
  void rotateRejectsMalformedAndEmptyBodies() {
    UUID user = UUID.randomUUID();
    String id = create(user, "r", "api_key", secret());
    rotate(user, id, "{\"value\": ").statusCode(400);
    rotate(user, id, "{\"value\": \"\"}").statusCode(400).body("errors[0].field", equalTo("value"));
  }

  @Test
  void theGeneratedMasterKeyIsOwnerOnly() throws Exception {
    java.nio.file.Path file = java.nio.file.Path.of("target/test-data/vault/master-key-1");
    assertEquals(
        "rw-------",
        java.nio.file.attribute.PosixFilePermissions.toString(
            java.nio.file.Files.getPosixFilePermissions(file)));
  }

  @Test
  void rewrapIsForAdminsAndLeavesValuesReadable() {
    UUID user = UUID.randomUUID();
    String value = secret();
    String id = create(user, "rewrap", "api_key", value);
    given()
        .auth()
        .oauth2(TestTokens.user(user))
        .post("/api/vault/admin/rewrap")
        .then()
        .statusCode(403);
    given()
        .auth()
        .oauth2(TestTokens.admin(UUID.randomUUID()))
        .post("/api/vault/admin/rewrap")
        .then()
        .statusCode(200)
        .body("activeMasterKeyVersion", is(1))
        .body("rewrapped", is(0));
    resolve(user, id).statusCode(200).body("value", equalTo(value));
  }

  @Test
  void noLogLineCarriesAValue() throws Exception {
    StringBuilder logged = new StringBuilder();
    java.util.logging.Handler capture =
        new java.util.logging.Handler() {
          @Override
          public void publish(java.util.logging.LogRecord record) {
            synchronized (logged) {
              logged.append(new java.util.logging.SimpleFormatter().formatMessage(record));
              if (record.getThrown() != null) {
                logged.append(record.getThrown());
              }
              logged.append('\n');
            }
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        };
    java.util.logging.Logger root = java.util.logging.Logger.getLogger("");
    root.addHandler(capture);
    String canary = "canary-" + UUID.randomUUID() + "-" + UUID.randomUUID();
    String head = canary.substring(0, canary.length() - 4);
    try {
      UUID user = UUID.randomUUID();
      String id = create(user, "logged", "password", canary);
      resolve(user, id).statusCode(200);
      rotate(user, id, "{\"value\": \"" + canary + "-2\"}").statusCode(200);
      resolve(user, id).statusCode(200);
      sql(
          "update credential_secret set ciphertext = set_byte(ciphertext, 20,"
              + " get_byte(ciphertext, 20) # 1) where credential_id = ? and version = 2",
          UUID.fromString(id));
      resolve(user, id).statusCode(409);
      post(user, Map.of("name", "logged", "value", canary, "credentialType", "password"))
          .statusCode(409);
      post(user, Map.of("name", "bad!", "value", canary, "credentialType", "password"))
          .statusCode(400);
    } finally {
      root.removeHandler(capture);
    }
    synchronized (logged) {
      assertTrue(logged.toString().contains("cannot be decrypted"), "the capture works");
      assertFalse(logged.toString().contains(head), "a value was logged");
    }
  }

  @Test
  void concurrentCreatesOfOneNameGiveOne201AndOtherwise409() throws Exception {
    UUID user = UUID.randomUUID();
    java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newFixedThreadPool(6);
    try {
      java.util.List<java.util.concurrent.Future<Integer>> answers = new java.util.ArrayList<>();
      for (int i = 0; i < 6; i++) {
        answers.add(
            pool.submit(
                () ->
                    post(user, Map.of("name", "race", "value", secret(), "credentialType", "other"))
                        .extract()
                        .statusCode()));
      }
      int created = 0;
      for (var answer : answers) {
        int status = answer.get();
        assertTrue(status == 201 || status == 409, "status " + status);
        created += status == 201 ? 1 : 0;
      }
      assertEquals(1, created);
    } finally {
      pool.shutdownNow();
    }
  }
}
