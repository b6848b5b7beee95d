package io.switchboard.defaults;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.defaults.security.RevokedSessions;
import io.switchboard.testing.HostileTokens;
import io.switchboard.testing.SwitchboardTestResource;
import io.switchboard.testing.TestTokens;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

@QuarkusTest
@WithTestResource(
    value = SwitchboardTestResource.class,
    initArgs = @ResourceArg(name = "postgres", value = "false"))
class SecurityWiringTest {

  @Inject RevokedSessions revokedSessions;

  private static final UUID ALICE = UUID.fromString("00000000-0000-0000-0000-00000000a11c");

  @Test
  void shouldAcceptATokenVerifiedThroughTheJwks() {
    given()
        .auth()
        .oauth2(TestTokens.user(ALICE))
        .get("/probe/me")
        .then()
        .statusCode(200)
        .body(equalTo(ALICE.toString()));
  }

  @Test
  void shouldRefuseATokenOfASignedOutSession() {
    String sessionId = UUID.randomUUID().toString();
    String token =
        TestTokens.sign(TestTokens.claims(ALICE, Set.of("user")).claim("sid", sessionId));
    given().auth().oauth2(token).get("/probe/me").then().statusCode(200);

    revokedSessions.revoke(sessionId, Instant.now().plusSeconds(600));

    assertInvalid(token);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.switchboard.testing.HostileTokens#arguments")
  void shouldRefuseEveryHostileToken(String name, String token) {
    assertInvalid(token);
  }

  @Test
  void shouldAcceptTheControlTokenOfTheHostileSuite() {
    given().auth().oauth2(HostileTokens.forTests().valid()).get("/probe/me").then().statusCode(200);
  }

  @Test
  void shouldAskForATokenWhenThereIsNone() {
    given()
        .get("/probe/me")
        .then()
        .statusCode(401)
        .contentType("application/problem+json")
        .header("WWW-Authenticate", "Bearer")
        .body("code", equalTo("unauthenticated"));
  }

  @Test
  void shouldRejectAnExpiredToken() {
    assertInvalid(TestTokens.expired(ALICE));
  }

  @Test
  void shouldRejectATokenFromAnotherIssuer() {
    assertInvalid(TestTokens.wrongIssuer(ALICE));
  }

  @Test
  void shouldRejectATokenForAnotherAudience() {
    assertInvalid(TestTokens.wrongAudience(ALICE));
  }

  @Test
  void shouldRejectATokenSignedByAnUntrustedKey() {
    assertInvalid(TestTokens.otherKey(ALICE));
  }

  @Test
  void shouldRejectAnUnsignedToken() {
    assertInvalid(TestTokens.algNone(ALICE));
  }

  @Test
  void shouldRejectAnHmacTokenKeyedWithThePublicKey() {
    assertInvalid(TestTokens.hmacWithPublicKey(ALICE));
  }

  @Test
  void shouldRejectATamperedToken() {
    assertInvalid(TestTokens.tampered(ALICE));
  }

  @Test
  void shouldRejectGarbage() {
    assertInvalid("not.a.jwt");
  }

  @Test
  void shouldForbidAUserFromAnAdminEndpoint() {
    given()
        .auth()
        .oauth2(TestTokens.user(ALICE))
        .get("/probe/admin")
        .then()
        .statusCode(403)
        .contentType("application/problem+json")
        .body("code", equalTo("forbidden"));
  }

  @Test
  void shouldLetAnAdminIn() {
    given()
        .auth()
        .oauth2(TestTokens.admin(ALICE))
        .get("/probe/admin")
        .then()
        .statusCode(200)
        .body(equalTo("admin:" + ALICE));
  }

  @Test
  void shouldDenyAnEndpointThatDeclaresNoSecurity() {
    given().auth().oauth2(TestTokens.admin(ALICE)).get("/probe/unannotated").then().statusCode(403);
  }

  private static void assertInvalid(String token) {
    given()
        .auth()
        .oauth2(token)
        .get("/probe/me")
        .then()
        .statusCode(401)
        .contentType("application/problem+json")
        .header("WWW-Authenticate", "Bearer")
        .body("code", equalTo("invalid_token"));
  }
}
