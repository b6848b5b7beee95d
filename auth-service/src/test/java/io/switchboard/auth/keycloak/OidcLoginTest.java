package io.switchboard.auth.keycloak;

import static io.restassured.RestAssured.given;
import static io.switchboard.auth.account.Accounts.uniqueName;
import static io.switchboard.auth.keycloak.RealmTokenExchangeTest.problem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import io.switchboard.testing.SwitchboardTestResource;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Browser sign-in (authorization code + PKCE) against a loopback fake realm. */
@QuarkusTest
@WithTestResource(
    value = SwitchboardTestResource.class,
    initArgs = @ResourceArg(name = "testKeys", value = "false"))
@WithTestResource(FakeKeycloakResource.class)
class OidcLoginTest {

  @ConfigProperty(name = "switchboard.auth.keycloak.server-url")
  String fakeUrl;

  FakeRealm realm;

  @BeforeEach
  void realm() {
    realm = new FakeRealm(fakeUrl);
  }

  @Test
  void shouldRedirectToTheRealmWithStateAndAnS256Challenge() {
    String location = start();
    URI uri = URI.create(location);
    Map<String, String> query = query(uri);

    assertThat(location).startsWith(fakeUrl + "/realms/switchboard/protocol/openid-connect/auth?");
    assertThat(query)
        .containsEntry("response_type", "code")
        .containsEntry("client_id", "switchboard")
        .containsEntry("redirect_uri", "http://localhost:3005/api/auth/oidc/callback")
        .containsEntry("code_challenge_method", "S256")
        .containsKeys("state", "nonce", "code_challenge");
    assertThat(query.get("code_challenge")).matches("[A-Za-z0-9_-]{43}");
    assertThat(query.get("state")).isNotEqualTo(query(URI.create(start())).get("state"));
  }

  @Test
  void shouldSignInThroughTheCallbackOnce() {
    String sub = UUID.randomUUID().toString();
    String name = uniqueName();
    realm.addUser(sub, name, true);
    JsonPath grant = realm.authorize(start(), FakeRealm.user(sub, name));

    String token =
        callback(grant.getString("code"), grant.getString("state"))
            .statusCode(200)
            .body("user.username", equalTo(name))
            .extract()
            .path("token");
    given()
        .auth()
        .oauth2(token)
        .get("/api/auth/me")
        .then()
        .statusCode(200)
        .body("username", equalTo(name));

    // The state is spent: a replay is refused before the realm is asked.
    problem(callback(grant.getString("code"), grant.getString("state")), 400, "invalid_oidc_state");
  }

  @Test
  void shouldRefuseACodeRedeemedWithAnotherSignInsVerifier() {
    String sub = UUID.randomUUID().toString();
    String name = uniqueName();
    realm.addUser(sub, name, true);
    JsonPath first = realm.authorize(start(), FakeRealm.user(sub, name));
    String otherState = query(URI.create(start())).get("state");

    // The code was bound to the first sign-in's challenge; the other state's verifier fails PKCE.
    problem(callback(first.getString("code"), otherState), 401, "oidc_code_rejected");
  }

  @Test
  void shouldRefuseAnUnknownStateOrAMissingCode() {
    problem(callback("some-code", "never-issued"), 400, "invalid_oidc_state");
    String state = query(URI.create(start())).get("state");
    given()
        .queryParam("state", state)
        .get("/api/auth/oidc/callback")
        .then()
        .statusCode(400)
        .body("code", equalTo("validation_failed"));
    given()
        .queryParam("code", "x")
        .get("/api/auth/oidc/callback")
        .then()
        .statusCode(400)
        .body("code", equalTo("validation_failed"));
  }

  @Test
  void shouldRefuseASignInTheRealmEndedWithAnError() {
    String state = query(URI.create(start())).get("state");
    problem(
        given()
            .queryParam("error", "access_denied")
            .queryParam("state", state)
            .get("/api/auth/oidc/callback")
            .then(),
        401,
        "oidc_login_failed");
  }

  @Test
  void shouldRefuseAUserDisabledBetweenSignInAndCallback() {
    String sub = UUID.randomUUID().toString();
    String name = uniqueName();
    realm.addUser(sub, name, true);
    JsonPath grant = realm.authorize(start(), FakeRealm.user(sub, name));
    realm.disable(sub);

    problem(callback(grant.getString("code"), grant.getString("state")), 403, "account_disabled");
  }

  @Test
  void shouldRefuseAnIdTokenWithAnotherNonce() {
    String sub = UUID.randomUUID().toString();
    String name = uniqueName();
    realm.addUser(sub, name, true);
    JsonPath grant = realm.authorizeWithNonce(start(), FakeRealm.user(sub, name), "replayed");

    problem(callback(grant.getString("code"), grant.getString("state")), 401, "invalid_token");
  }

  private static String start() {
    return given()
        .redirects()
        .follow(false)
        .get("/api/auth/oidc/login")
        .then()
        .statusCode(302)
        .header("Cache-Control", "no-store")
        .extract()
        .header("Location");
  }

  private static ValidatableResponse callback(String code, String state) {
    return given()
        .queryParam("code", code)
        .queryParam("state", state)
        .get("/api/auth/oidc/callback")
        .then();
  }

  private static Map<String, String> query(URI uri) {
    Map<String, String> values = new HashMap<>();
    for (String pair : uri.getRawQuery().split("&")) {
      String[] kv = pair.split("=", 2);
      values.put(kv[0], URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
    }
    return values;
  }
}
