package io.switchboard.auth.keycloak;

import static io.restassured.RestAssured.given;
import static io.switchboard.auth.account.Accounts.register;
import static io.switchboard.auth.account.Accounts.uniqueName;
import static io.switchboard.auth.keycloak.RealmTokenExchangeTest.problem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;
import io.switchboard.testing.SwitchboardTestResource;
import io.switchboard.testing.keycloak.KeycloakTestResource;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Against a real Keycloak server (libs/service-testing {@code KeycloakServer}, realms imported from
 * {@code keycloak/*.json}). Slow to start: runs only with {@code -Dswitchboard.keycloak=true}.
 */
@QuarkusTest
@EnabledIfSystemProperty(named = "switchboard.keycloak", matches = "true")
@WithTestResource(
    value = SwitchboardTestResource.class,
    initArgs = @ResourceArg(name = "testKeys", value = "false"))
@WithTestResource(KeycloakTestResource.class)
class RealKeycloakTest {

  private static final Pattern FORM_ACTION = Pattern.compile("action=\"([^\"]+)\"");

  @ConfigProperty(name = "switchboard.auth.keycloak.server-url")
  String keycloak;

  @Test
  void shouldKeepARegisteredAccountInStepInTheRealm() {
    String admin = KeycloakSyncTest.adminToken();
    String name = uniqueName();
    String token = register(name).statusCode(201).extract().path("token");
    String id = given().auth().oauth2(token).get("/api/auth/me").then().extract().path("id");
    resync(admin);

    Map<String, Object> user = realmUser(name);
    assertThat(user).isNotNull();
    assertThat(user.get("requiredActions")).isEqualTo(List.of("UPDATE_PASSWORD"));
    assertThat(user.get("email")).isEqualTo(name + "@example.test");
    assertThat(realmRoles(user)).contains("user").doesNotContain("admin");

    given()
        .auth()
        .oauth2(admin)
        .contentType("application/json")
        .body("{\"roles\":[\"user\",\"admin\"]}")
        .put("/api/admin/users/" + id + "/roles")
        .then()
        .statusCode(200);
    resync(admin);
    assertThat(realmRoles(realmUser(name))).contains("user", "admin");

    given().auth().oauth2(admin).delete("/api/admin/users/" + id).then().statusCode(204);
    resync(admin);
    assertThat(realmUser(name)).isNull();
  }

  @Test
  void shouldTradeARealmTokenAndMapGroups() {
    String alice =
        exchange(password("switchboard", "alice", "alice-password"))
            .statusCode(200)
            .body("user.username", equalTo("alice"))
            .body("user.roles", contains("user"))
            .extract()
            .path("token");
    given()
        .auth()
        .oauth2(alice)
        .get("/api/auth/me")
        .then()
        .statusCode(200)
        .body("username", equalTo("alice"));

    exchange(password("switchboard", "olga", "olga-password"))
        .statusCode(200)
        .body("user.roles", containsInAnyOrder("user", "admin"));
  }

  @Test
  void shouldRefuseATokenOfAnotherRealm() {
    problem(exchange(password("other", "alice", "alice-password")), 401, "invalid_token");
  }

  @Test
  void shouldRefuseADisabledRealmUser() {
    String token = password("switchboard", "dora", "dora-password");
    Map<String, Object> dora = realmUser("dora");
    given()
        .auth()
        .oauth2(adminApiToken())
        .contentType("application/json")
        .body(Map.of("enabled", false))
        .put(keycloak + "/admin/realms/switchboard/users/" + dora.get("id"))
        .then()
        .statusCode(204);

    problem(exchange(token), 403, "account_disabled");
  }

  @Test
  void shouldSignInThroughTheBrowserFlowWithPkce() {
    Map<String, String> back = browserSignIn(start(), "alice", "alice-password");

    callback(back.get("code"), back.get("state"))
        .statusCode(200)
        .body("user.username", equalTo("alice"));
    problem(callback(back.get("code"), back.get("state")), 400, "invalid_oidc_state");
  }

  @Test
  void shouldRefuseACodeWithAnotherSignInsVerifier() {
    Map<String, String> back = browserSignIn(start(), "alice", "alice-password");
    String otherState = query(URI.create(start())).get("state");

    problem(callback(back.get("code"), otherState), 401, "oidc_code_rejected");
  }

  // ---- helpers

  private static void resync(String admin) {
    given()
        .auth()
        .oauth2(admin)
        .post("/api/admin/identity/keycloak/resync")
        .then()
        .statusCode(200)
        .body("failed", equalTo(0));
  }

  private String password(String realm, String username, String password) {
    return given()
        .formParam("grant_type", "password")
        .formParam("client_id", "switchboard")
        .formParam("username", username)
        .formParam("password", password)
        .formParam("scope", "openid")
        .post(keycloak + "/realms/" + realm + "/protocol/openid-connect/token")
        .then()
        .statusCode(200)
        .extract()
        .path("access_token");
  }

  private String adminApiToken() {
    return given()
        .formParam("grant_type", "client_credentials")
        .formParam("client_id", "switchboard-admin")
        .formParam("client_secret", "switchboard-admin-secret")
        .post(keycloak + "/realms/switchboard/protocol/openid-connect/token")
        .then()
        .statusCode(200)
        .extract()
        .path("access_token");
  }

  private Map<String, Object> realmUser(String username) {
    List<Map<String, Object>> found =
        given()
            .auth()
            .oauth2(adminApiToken())
            .queryParam("username", username)
            .queryParam("exact", true)
            .get(keycloak + "/admin/realms/switchboard/users")
            .then()
            .statusCode(200)
            .extract()
            .path("");
    return found.isEmpty() ? null : found.get(0);
  }

  private List<String> realmRoles(Map<String, Object> user) {
    return given()
        .auth()
        .oauth2(adminApiToken())
        .get(
            keycloak + "/admin/realms/switchboard/users/" + user.get("id") + "/role-mappings/realm")
        .then()
        .statusCode(200)
        .extract()
        .path("name");
  }

  private static ValidatableResponse exchange(String token) {
    return given()
        .contentType("application/json")
        .body(Map.of("accessToken", token))
        .post("/api/auth/oidc/exchange")
        .then();
  }

  private static String start() {
    return given()
        .redirects()
        .follow(false)
        .get("/api/auth/oidc/login")
        .then()
        .statusCode(302)
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

  /** Plays the browser at the realm's login page: the code and state it is sent back with. */
  private static Map<String, String> browserSignIn(String location, String user, String password) {
    // As a browser would: the URL is sent as it is (already encoded), cookies kept.
    Response page = given().urlEncodingEnabled(false).redirects().follow(false).get(location);
    assertThat(page.statusCode()).isEqualTo(200);
    Matcher action = FORM_ACTION.matcher(page.asString());
    assertThat(action.find()).isTrue();
    Response back =
        given()
            .urlEncodingEnabled(false)
            .redirects()
            .follow(false)
            .cookies(page.getCookies())
            .contentType("application/x-www-form-urlencoded")
            .body("username=" + user + "&password=" + password)
            .post(action.group(1).replace("&amp;", "&"));
    assertThat(back.statusCode()).isEqualTo(302);
    return query(URI.create(back.header("Location")));
  }

  private static Map<String, String> query(URI uri) {
    Map<String, String> values = new HashMap<>();
    for (String pair : uri.getRawQuery().split("&")) {
      String[] kv = pair.split("=", 2);
      values.put(kv[0], kv.length < 2 ? "" : URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
    }
    return values;
  }
}
