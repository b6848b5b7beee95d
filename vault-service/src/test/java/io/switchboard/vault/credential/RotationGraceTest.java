package io.switchboard.vault.credential;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.switchboard.testing.SwitchboardTestResource;
import io.switchboard.testing.TestTokens;
import io.switchboard.vault.credential.service.MasterKeyRewrap;
import io.switchboard.vault.credential.service.RetiredVersionPurge;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** The previous value during its rotation grace, its scheduled destruction, batched re-wraps. */
@QuarkusTest
@WithTestResource(SwitchboardTestResource.class)
class RotationGraceTest {

  @Inject DataSource dataSource;
  @Inject RetiredVersionPurge purge;
  @Inject MasterKeyRewrap rewrap;

  private static String create(UUID user, String name, String value) {
    return given()
        .auth()
        .oauth2(TestTokens.user(user))
        .contentType(ContentType.JSON)
        .body(Map.of("name", name, "value", value, "credentialType", "api_key"))
        .post("/api/vault")
        .then()
        .statusCode(201)
        .extract()
        .path("id");
  }

  private static void rotate(UUID user, String id, String value) {
    given()
        .auth()
        .oauth2(TestTokens.user(user))
        .contentType(ContentType.JSON)
        .body(Map.of("value", value))
        .post("/api/vault/" + id + "/rotate")
        .then()
        .statusCode(200);
  }

  private static ValidatableResponse resolve(UUID user, String id, Integer version) {
    Map<String, Object> body = new HashMap<>();
    body.put("userId", user.toString());
    body.put("credentialId", id);
    if (version != null) {
      body.put("version", version);
    }
    return given()
        .auth()
        .oauth2(TestTokens.service("model-service"))
        .contentType(ContentType.JSON)
        .body(body)
        .post("/internal/vault/resolve")
        .then();
  }

  private long count(String sql, Object arg) throws Exception {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setObject(1, arg);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  private void expireGrace(String id) throws Exception {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "update credential_secret set destroy_after = now() - interval '1 second'"
                    + " where credential_id = ? and destroy_after is not null")) {
      ps.setObject(1, UUID.fromString(id));
      ps.executeUpdate();
    }
  }

  @Test
  void shouldServeThePreviousVersionDuringItsGraceOnlyWhenAskedFor() {
    UUID user = UUID.randomUUID();
    String id = create(user, "graceful", "old-value-1234567890");
    rotate(user, id, "new-value-1234567890");
    resolve(user, id, null).statusCode(200).body("value", equalTo("new-value-1234567890"));
    resolve(user, id, 1)
        .statusCode(200)
        .body("value", equalTo("old-value-1234567890"))
        .body("version", is(1));
  }

  @Test
  void shouldDestroyThePreviousVersionOnceItsGraceIsOverWithoutAnotherRotation() throws Exception {
    UUID user = UUID.randomUUID();
    String id = create(user, "purged", "old-value-abcdefghij");
    rotate(user, id, "new-value-abcdefghij");
    expireGrace(id);
    resolve(user, id, 1)
        .statusCode(404)
        .contentType("application/problem+json")
        .body("code", equalTo("credential_version_gone"));
    assertThat(purge.purge()).isGreaterThanOrEqualTo(1);
    assertThat(
            count(
                "select count(*) from credential_secret where credential_id = ?",
                UUID.fromString(id)))
        .isEqualTo(1);
    resolve(user, id, 1).statusCode(404).body("code", equalTo("credential_version_gone"));
    resolve(user, id, null).statusCode(200).body("value", equalTo("new-value-abcdefghij"));
  }

  @Test
  void shouldRefuseAVersionThatNeverExistedAndANonPositiveOne() {
    UUID user = UUID.randomUUID();
    String id = create(user, "versions", "value-abcdefghijkl");
    resolve(user, id, 7).statusCode(404).body("code", equalTo("credential_version_gone"));
    resolve(user, id, 0).statusCode(400).body("code", equalTo("validation_failed"));
  }

  @Test
  void shouldCountAnUnreadableDataKeyAndFinishTheRewrap() throws Exception {
    UUID user = UUID.randomUUID();
    String good = create(user, "batch-good", "good-value-123456789");
    String broken = create(user, "batch-broken", "broken-value-1234567");
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "update credential_secret set master_key_version = 0,"
                    + " wrapped_data_key = decode('00', 'hex') where credential_id = ?")) {
      ps.setObject(1, UUID.fromString(broken));
      ps.executeUpdate();
    }
    MasterKeyRewrap.RewrapResult result = rewrap.rewrapAll();
    assertThat(result.unreadable()).isGreaterThanOrEqualTo(1);
    assertThat(
            count(
                "select count(*) from credential_secret where credential_id = ? and"
                    + " master_key_version = 0",
                UUID.fromString(broken)))
        .isEqualTo(1);
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement("delete from credential where id = ?")) {
      ps.setObject(1, UUID.fromString(broken));
      ps.executeUpdate();
    }
    resolve(user, good, null).statusCode(200).body("value", equalTo("good-value-123456789"));
  }
}
