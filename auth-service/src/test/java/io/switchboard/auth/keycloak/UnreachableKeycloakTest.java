package io.switchboard.auth.keycloak;

import static io.restassured.RestAssured.given;
import static io.switchboard.auth.account.Accounts.PASSWORD;
import static io.switchboard.auth.account.Accounts.login;
import static io.switchboard.auth.account.Accounts.register;
import static io.switchboard.auth.account.Accounts.uniqueName;
import static io.switchboard.auth.keycloak.RealmTokenExchangeTest.problem;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.testing.SwitchboardTestResource;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The realm's server refuses connections: local accounts work, syncs wait, SSO says 503. */
@QuarkusTest
@WithTestResource(
    value = SwitchboardTestResource.class,
    initArgs = @ResourceArg(name = "testKeys", value = "false"))
@WithTestResource(UnreachableKeycloakResource.class)
class UnreachableKeycloakTest {

  @Test
  void shouldRegisterAndSignInLocallyAndOweTheSync() {
    String admin = KeycloakSyncTest.adminToken();
    String name = uniqueName();
    register(name).statusCode(201);
    login(name, PASSWORD, "203.0.113.90").statusCode(200);

    given()
        .auth()
        .oauth2(admin)
        .post("/api/admin/identity/keycloak/resync")
        .then()
        .statusCode(200)
        .body("synced", equalTo(0))
        .body("failed", greaterThanOrEqualTo(2))
        .body("pending", greaterThanOrEqualTo(2));
    given()
        .auth()
        .oauth2(admin)
        .get("/api/admin/identity/keycloak")
        .then()
        .statusCode(200)
        .body("syncActive", equalTo(true))
        .body("pending", greaterThanOrEqualTo(2));
  }

  @Test
  void shouldAnswer503AtTheCallbackAnd401ForUnverifiableTokens() {
    String location =
        given()
            .redirects()
            .follow(false)
            .get("/api/auth/oidc/login")
            .then()
            .statusCode(302)
            .extract()
            .header("Location");
    String state = URI.create(location).getRawQuery().replaceAll(".*[?&]?state=([^&]+).*", "$1");

    problem(
        given()
            .queryParam("code", "any")
            .queryParam("state", state)
            .get("/api/auth/oidc/callback")
            .then(),
        503,
        "identity_provider_unavailable");
    problem(
        given()
            .contentType("application/json")
            .body(Map.of("accessToken", "a.b.c"))
            .post("/api/auth/oidc/exchange")
            .then(),
        401,
        "invalid_token");
  }
}
