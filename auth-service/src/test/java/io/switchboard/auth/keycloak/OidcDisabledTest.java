package io.switchboard.auth.keycloak;

import static io.restassured.RestAssured.given;
import static io.switchboard.auth.account.Accounts.register;
import static io.switchboard.auth.account.Accounts.uniqueName;
import static io.switchboard.auth.keycloak.RealmTokenExchangeTest.problem;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.testing.SwitchboardTestResource;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Federation off (the default): its endpoints say so, and nothing else changes. */
@QuarkusTest
@WithTestResource(
    value = SwitchboardTestResource.class,
    initArgs = @ResourceArg(name = "testKeys", value = "false"))
class OidcDisabledTest {

  @Test
  void shouldAnswer404ForSingleSignOnWhenItIsOff() {
    problem(
        given().redirects().follow(false).get("/api/auth/oidc/login").then(),
        404,
        "oidc_not_configured");
    problem(
        given()
            .queryParam("code", "c")
            .queryParam("state", "s")
            .get("/api/auth/oidc/callback")
            .then(),
        404,
        "oidc_not_configured");
    problem(
        given()
            .contentType("application/json")
            .body(Map.of("accessToken", "a.b.c"))
            .post("/api/auth/oidc/exchange")
            .then(),
        404,
        "oidc_not_configured");
  }

  @Test
  void shouldRefuseAResyncWhenSyncIsOff() {
    String admin = KeycloakSyncTest.adminToken();
    problem(
        given().auth().oauth2(admin).post("/api/admin/identity/keycloak/resync").then(),
        409,
        "keycloak_sync_inactive");
    given()
        .auth()
        .oauth2(admin)
        .get("/api/admin/identity/keycloak")
        .then()
        .statusCode(200)
        .body("enabled", equalTo(false))
        .body("syncActive", equalTo(false));
    register(uniqueName()).statusCode(201);
    given()
        .auth()
        .oauth2(admin)
        .get("/api/auth/me")
        .then()
        .statusCode(200)
        .body("username", equalTo("fedadmin"));
  }
}
