package io.switchboard.auth.keycloak;

import static io.restassured.RestAssured.given;
import static io.switchboard.auth.account.Accounts.PASSWORD;
import static io.switchboard.auth.account.Accounts.login;
import static io.switchboard.auth.account.Accounts.register;
import static io.switchboard.auth.account.Accounts.uniqueName;
import static io.switchboard.auth.keycloak.RealmTokenExchangeTest.problem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import io.switchboard.testing.SwitchboardTestResource;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Accounts registered here kept in step in a loopback fake realm, also through its outage. */
@QuarkusTest
@WithTestResource(
    value = SwitchboardTestResource.class,
    initArgs = @ResourceArg(name = "testKeys", value = "false"))
@WithTestResource(FakeKeycloakResource.class)
class KeycloakSyncTest {

  @ConfigProperty(name = "switchboard.auth.keycloak.server-url")
  String fakeUrl;

  FakeRealm realm;
  String admin;

  @BeforeEach
  void setUp() {
    realm = new FakeRealm(fakeUrl);
    admin = adminToken();
  }

  @Test
  void shouldCreateARegisteredUserInTheRealmWithoutItsPassword() {
    String name = uniqueName();
    register(name).statusCode(201);
    resync().statusCode(200);

    Map<String, Object> user = realm.user(name);
    assertThat(user).isNotNull().doesNotContainKey("credentials");
    assertThat(user.get("email")).isEqualTo(name + "@example.test");
    assertThat(user.get("enabled")).isEqualTo(true);
    assertThat(user.get("requiredActions")).isEqualTo(List.of("UPDATE_PASSWORD"));
    assertThat(user.get("realmRoles")).isEqualTo(List.of("user"));
  }

  @Test
  void shouldFollowRoleChangesAndDeletions() {
    String name = uniqueName();
    String userToken = register(name).statusCode(201).extract().path("token");
    String id = given().auth().oauth2(userToken).get("/api/auth/me").then().extract().path("id");
    resync().statusCode(200);

    setRoles(id, "[\"user\",\"admin\"]").statusCode(200);
    resync().statusCode(200);
    assertThat((List<Object>) realm.user(name).get("realmRoles"))
        .containsExactlyInAnyOrder("user", "admin");

    setRoles(id, "[\"user\"]").statusCode(200);
    resync().statusCode(200);
    assertThat(realm.user(name).get("realmRoles")).isEqualTo(List.of("user"));

    given().auth().oauth2(admin).delete("/api/admin/users/" + id).then().statusCode(204);
    resync().statusCode(200);
    assertThat(realm.user(name)).isNull();
    given().auth().oauth2(userToken).get("/api/auth/me").then().statusCode(401);
  }

  @Test
  void shouldRepairAUserDeletedInTheRealm() {
    String name = uniqueName();
    register(name).statusCode(201);
    resync().statusCode(200);
    String before = (String) realm.user(name).get("id");
    realm.remove(name);

    resync().statusCode(200).body("failed", equalTo(0));
    assertThat(realm.user(name)).isNotNull();
    assertThat(realm.user(name).get("id")).isNotEqualTo(before);
  }

  @Test
  void shouldKeepLocalSignInWhileTheRealmIsDownAndSyncLater() {
    String name = uniqueName();
    realm.down(true);
    try {
      register(name).statusCode(201);
      login(name, PASSWORD, "203.0.113.77").statusCode(200);
      resync()
          .statusCode(200)
          .body("failed", greaterThanOrEqualTo(1))
          .body("pending", greaterThanOrEqualTo(1));
      given()
          .auth()
          .oauth2(admin)
          .get("/api/admin/identity/keycloak")
          .then()
          .statusCode(200)
          .body("syncActive", equalTo(true))
          .body("pending", greaterThanOrEqualTo(1));
    } finally {
      realm.down(false);
    }
    assertThat(realm.user(name)).isNull();

    resync().statusCode(200).body("pending", equalTo(0));
    assertThat(realm.user(name)).isNotNull();
  }

  @Test
  void shouldRefuseBadRoleChanges() {
    String name = uniqueName();
    String userToken = register(name).statusCode(201).extract().path("token");
    String id = given().auth().oauth2(userToken).get("/api/auth/me").then().extract().path("id");

    given()
        .auth()
        .oauth2(userToken)
        .contentType("application/json")
        .body("{\"roles\":[\"user\"]}")
        .put("/api/admin/users/" + id + "/roles")
        .then()
        .statusCode(403);
    given()
        .auth()
        .oauth2(userToken)
        .post("/api/admin/identity/keycloak/resync")
        .then()
        .statusCode(403);
    problem(setRoles(id, "[\"user\",\"service\"]"), 400, "validation_failed");
    problem(setRoles(id, "[\"admin\"]"), 400, "validation_failed");
    problem(setRoles(id, "[]"), 400, "validation_failed");
    problem(setRoles(UUID.randomUUID().toString(), "[\"user\"]"), 404, "not_found");
    problem(
        given().auth().oauth2(admin).delete("/api/admin/users/" + UUID.randomUUID()).then(),
        404,
        "not_found");

    String sub = UUID.randomUUID().toString();
    String realmName = uniqueName();
    realm.addUser(sub, realmName, true);
    String realmUserId =
        given()
            .contentType("application/json")
            .body(Map.of("accessToken", realm.token(FakeRealm.user(sub, realmName))))
            .post("/api/auth/oidc/exchange")
            .then()
            .statusCode(200)
            .extract()
            .path("user.id");
    problem(setRoles(realmUserId, "[\"user\",\"admin\"]"), 409, "roles_managed_by_realm");
  }

  private ValidatableResponse resync() {
    return given().auth().oauth2(admin).post("/api/admin/identity/keycloak/resync").then();
  }

  private ValidatableResponse setRoles(String id, String roles) {
    return given()
        .auth()
        .oauth2(admin)
        .contentType("application/json")
        .body("{\"roles\":" + roles + "}")
        .put("/api/admin/users/" + id + "/roles")
        .then();
  }

  /** The admin of these tests ({@code switchboard.auth.admin-usernames=fedadmin}). */
  static String adminToken() {
    ValidatableResponse registered = register("fedadmin");
    if (registered.extract().statusCode() == 201) {
      return registered.extract().path("token");
    }
    return login("fedadmin", PASSWORD, "203.0.113.1").statusCode(200).extract().path("token");
  }
}
