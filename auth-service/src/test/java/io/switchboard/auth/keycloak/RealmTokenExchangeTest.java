package io.switchboard.auth.keycloak;

import static io.restassured.RestAssured.given;
import static io.switchboard.auth.account.Accounts.register;
import static io.switchboard.auth.account.Accounts.uniqueName;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import io.switchboard.testing.SwitchboardTestResource;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Realm access tokens traded for Switchboard tokens, against a loopback fake realm. */
@QuarkusTest
@WithTestResource(
    value = SwitchboardTestResource.class,
    initArgs = @ResourceArg(name = "testKeys", value = "false"))
@WithTestResource(FakeKeycloakResource.class)
class RealmTokenExchangeTest {

  @ConfigProperty(name = "switchboard.auth.keycloak.server-url")
  String fakeUrl;

  FakeRealm realm;

  @BeforeEach
  void realm() {
    realm = new FakeRealm(fakeUrl);
  }

  @Test
  void shouldCreateTheAccountOnFirstSightAndGiveServicesItsOwnId() {
    String sub = UUID.randomUUID().toString();
    String name = uniqueName();
    realm.addUser(sub, name, true);

    String token =
        exchange(realm.token(FakeRealm.user(sub, name)))
            .statusCode(200)
            .body("user.username", equalTo(name))
            .body("user.roles", contains("user"))
            .extract()
            .path("token");

    String id =
        given()
            .auth()
            .oauth2(token)
            .get("/api/auth/me")
            .then()
            .statusCode(200)
            .body("username", equalTo(name))
            .extract()
            .path("id");
    assertThat(UUID.fromString(id).toString()).isNotEqualTo(sub);
    // The same realm user again: the same account.
    exchange(realm.token(FakeRealm.user(sub, name))).statusCode(200).body("user.id", equalTo(id));
  }

  @Test
  void shouldMapGroupsAndClientRolesToAdmin() {
    String ops = UUID.randomUUID().toString();
    String opsName = uniqueName();
    realm.addUser(ops, opsName, true);
    Map<String, Object> claims = new HashMap<>(FakeRealm.user(ops, opsName));
    claims.put("groups", List.of("/ops"));
    exchange(realm.token(claims))
        .statusCode(200)
        .body("user.roles", containsInAnyOrder("user", "admin"));

    String boss = UUID.randomUUID().toString();
    String bossName = uniqueName();
    realm.addUser(boss, bossName, true);
    claims = new HashMap<>(FakeRealm.user(boss, bossName));
    claims.put("resource_access", Map.of("switchboard", Map.of("roles", List.of("boss"))));
    exchange(realm.token(claims))
        .statusCode(200)
        .body("user.roles", containsInAnyOrder("user", "admin"));

    // A realm role nobody mapped, and one named like the service role, give nothing more.
    String plain = UUID.randomUUID().toString();
    String plainName = uniqueName();
    realm.addUser(plain, plainName, true);
    claims = new HashMap<>(FakeRealm.user(plain, plainName));
    claims.put("realm_access", Map.of("roles", List.of("user", "auditor", "service")));
    claims.put("groups", List.of("/elsewhere"));
    exchange(realm.token(claims)).statusCode(200).body("user.roles", contains("user"));
  }

  @Test
  void shouldLinkAnAccountRegisteredHereByUsernameAndKeepItsRoles() {
    String name = uniqueName();
    String id = register(name).statusCode(201).extract().path("user.id");
    given()
        .auth()
        .oauth2(KeycloakSyncTest.adminToken())
        .post("/api/admin/identity/keycloak/resync")
        .then()
        .statusCode(200);
    String sub = (String) realm.user(name).get("id");
    Map<String, Object> claims = new HashMap<>(FakeRealm.user(sub, name));
    claims.put("groups", List.of("/ops"));

    exchange(realm.token(claims))
        .statusCode(200)
        .body("user.id", equalTo(id))
        .body("user.roles", contains("user"));
  }

  @Test
  void shouldRefuseAnotherRealmUserForALinkedAccount() {
    String name = uniqueName();
    String first = UUID.randomUUID().toString();
    realm.addUser(first, name, true);
    exchange(realm.token(FakeRealm.user(first, name))).statusCode(200);
    String second = UUID.randomUUID().toString();
    realm.addUser(second, name, true);

    problem(exchange(realm.token(FakeRealm.user(second, name))), 409, "account_linked_elsewhere");
  }

  @Test
  void shouldRefuseTokensOfAnotherRealmOrKeyOrKind() {
    String sub = UUID.randomUUID().toString();
    String name = uniqueName();
    realm.addUser(sub, name, true);
    Map<String, Object> user = FakeRealm.user(sub, name);

    Map<String, Object> otherRealm = new HashMap<>(user);
    otherRealm.put("iss", fakeUrl + "/realms/other");
    problem(exchange(realm.token(otherRealm)), 401, "invalid_token");
    problem(exchange(realm.foreignToken(user)), 401, "invalid_token");
    Map<String, Object> otherClient = new HashMap<>(user);
    otherClient.put("azp", "some-other-client");
    problem(exchange(realm.token(otherClient)), 401, "invalid_token");
    Map<String, Object> idToken = new HashMap<>(user);
    idToken.put("typ", "ID");
    problem(exchange(realm.token(idToken)), 401, "invalid_token");
    Map<String, Object> expired = new HashMap<>(user);
    long past = Instant.now().minusSeconds(3600).getEpochSecond();
    expired.put("iat", past - 300);
    expired.put("exp", past);
    problem(exchange(realm.token(expired)), 401, "invalid_token");
    problem(exchange("not.a.jwt"), 401, "invalid_token");
  }

  @Test
  void shouldRefuseADisabledOrDeletedRealmUser() {
    String sub = UUID.randomUUID().toString();
    String name = uniqueName();
    realm.addUser(sub, name, true);
    String token = realm.token(FakeRealm.user(sub, name));
    exchange(token).statusCode(200);

    realm.disable(sub);
    problem(exchange(token), 403, "account_disabled");

    String gone = UUID.randomUUID().toString();
    problem(exchange(realm.token(FakeRealm.user(gone, uniqueName()))), 403, "account_disabled");
  }

  @Test
  void shouldNeverAcceptARealmTokenAsAServiceBearer() {
    String sub = UUID.randomUUID().toString();
    String name = uniqueName();
    realm.addUser(sub, name, true);
    given()
        .auth()
        .oauth2(realm.token(FakeRealm.user(sub, name)))
        .get("/api/auth/me")
        .then()
        .statusCode(401);
  }

  @Test
  void shouldAnswer503WhenTheRealmCannotBeAskedAboutTheUser() {
    String sub = UUID.randomUUID().toString();
    String name = uniqueName();
    realm.addUser(sub, name, true);
    String token = realm.token(FakeRealm.user(sub, name));
    exchange(token).statusCode(200); // the realm's keys are known from now on
    realm.down(true);
    try {
      problem(exchange(token), 503, "identity_provider_unavailable");
    } finally {
      realm.down(false);
    }
  }

  @Test
  void shouldRefuseABlankOrMissingToken() {
    given()
        .contentType("application/json")
        .body("{}")
        .post("/api/auth/oidc/exchange")
        .then()
        .statusCode(400)
        .body("code", equalTo("validation_failed"));
  }

  private static ValidatableResponse exchange(String token) {
    return given()
        .contentType("application/json")
        .body(Map.of("accessToken", token))
        .post("/api/auth/oidc/exchange")
        .then();
  }

  static void problem(ValidatableResponse response, int status, String code) {
    response.statusCode(status).contentType("application/problem+json").body("code", equalTo(code));
  }
}
