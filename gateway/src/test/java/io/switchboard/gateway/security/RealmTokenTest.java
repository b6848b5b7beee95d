package io.switchboard.gateway.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.ValidatableResponse;
import io.switchboard.gateway.support.FakeService;
import io.switchboard.gateway.support.UpstreamsUp;
import io.switchboard.testing.TestTokens;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/** Bearer tokens of the Keycloak realm: traded at auth-service, never passed on as they are. */
@QuarkusTest
@TestProfile(UpstreamsUp.class)
class RealmTokenTest {

  @ConfigProperty(name = "switchboard.gateway.services.auth.url")
  String authUrl;

  @Test
  void shouldForwardTheSwitchboardTokenAuthServiceTradedForARealmToken() {
    UUID userId = UUID.randomUUID();
    String realmToken = realmToken(FakeService.REALM_ISSUER, userId.toString());

    String forwarded =
        given()
            .auth()
            .oauth2(realmToken)
            .get("/api/agents")
            .then()
            .statusCode(200)
            .extract()
            .path("headers.authorization");

    assertThat(forwarded).startsWith("Bearer ").doesNotContain(realmToken);
    String switchboardToken = forwarded.substring("Bearer ".length());
    // The services see a token of auth-service: the account id as subject.
    given().auth().oauth2(switchboardToken).get("/api/agents").then().statusCode(200);
    assertThat(payload(switchboardToken))
        .contains("\"sub\":\"" + userId + "\"")
        .contains(TestTokens.ISSUER);
  }

  @Test
  void shouldTradeARealmTokenOnceWhileItsSwitchboardTokenIsValid() {
    String realmToken = realmToken(FakeService.REALM_ISSUER, UUID.randomUUID().toString());
    given().auth().oauth2(realmToken).get("/api/agents").then().statusCode(200);
    int before = exchanges();

    given().auth().oauth2(realmToken).get("/api/agents").then().statusCode(200);
    given().auth().oauth2(realmToken).get("/api/models").then().statusCode(200);

    assertThat(exchanges()).isEqualTo(before);
  }

  @Test
  void shouldRefuseARealmTokenAuthServiceRefuses() {
    int before = exchanges();
    invalid(
        given()
            .auth()
            .oauth2(realmToken(FakeService.REALM_ISSUER, "disabled"))
            .get("/api/agents")
            .then());
    assertThat(exchanges()).isEqualTo(before + 1);
  }

  @Test
  void shouldNeverTradeATokenOfAnotherRealm() {
    int before = exchanges();
    String other = realmToken("https://sso.test/realms/other", UUID.randomUUID().toString());

    invalid(given().auth().oauth2(other).get("/api/agents").then());
    assertThat(exchanges()).isEqualTo(before);
  }

  @Test
  void shouldAnswer503WhenAuthServiceCannotTrade() {
    given()
        .auth()
        .oauth2(realmToken(FakeService.REALM_ISSUER, "broken"))
        .get("/api/agents")
        .then()
        .statusCode(503)
        .contentType("application/problem+json")
        .body("code", equalTo("service_unavailable"));
  }

  @Test
  void shouldLetTheSingleSignOnRoundTripThroughWithoutAToken() {
    given()
        .redirects()
        .follow(false)
        .get("/api/auth/oidc/login")
        .then()
        .statusCode(200)
        .body("path", equalTo("/api/auth/oidc/login"));
    given()
        .get("/api/auth/oidc/callback?code=c&state=s")
        .then()
        .statusCode(200)
        .body("path", equalTo("/api/auth/oidc/callback"));
    given().get("/api/admin/users").then().statusCode(401);
  }

  private int exchanges() {
    return Integer.parseInt(given().get(authUrl + "/__control/exchanges").asString().trim());
  }

  private static void invalid(ValidatableResponse response) {
    response
        .statusCode(401)
        .contentType("application/problem+json")
        .header("WWW-Authenticate", "Bearer")
        .body("code", equalTo("invalid_token"));
  }

  /** A JWT shaped like a realm's (the gateway reads only its issuer; auth-service verifies it). */
  static String realmToken(String issuer, String subject) {
    Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
    String header =
        b64.encodeToString("{\"alg\":\"RS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
    String body =
        b64.encodeToString(
            ("{\"iss\":\""
                    + issuer
                    + "\",\"sub\":\""
                    + subject
                    + "\",\"exp\":"
                    + Instant.now().plusSeconds(300).getEpochSecond()
                    + "}")
                .getBytes(StandardCharsets.UTF_8));
    return header + "." + body + "." + b64.encodeToString(new byte[64]);
  }

  private static String payload(String jwt) {
    return new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]), StandardCharsets.UTF_8);
  }
}
