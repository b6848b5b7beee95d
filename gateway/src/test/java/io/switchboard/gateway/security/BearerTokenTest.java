package io.switchboard.gateway.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.response.ValidatableResponse;
import io.switchboard.defaults.security.RevokedSessions;
import io.switchboard.gateway.support.UpstreamsUp;
import io.switchboard.testing.TestTokens;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

@QuarkusTest
@TestProfile(UpstreamsUp.class)
class BearerTokenTest {

  private static final String PROTECTED = "/api/agents";

  @Inject RevokedSessions revokedSessions;

  @BeforeAll
  static void logFailures() {
    RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
  }

  @Test
  void shouldRejectMissingTokenAsUnauthenticated() {
    assertProblem(given().when().get(PROTECTED).then(), "unauthenticated");
  }

  @ParameterizedTest
  @ValueSource(strings = {"Basic YWRhOnNlY3JldA==", "Bearer", "Bearer   ", "Token abc"})
  void shouldRejectNonBearerAuthorizationAsUnauthenticated(String authorization) {
    assertProblem(
        given().header("Authorization", authorization).when().get(PROTECTED).then(),
        "unauthenticated");
  }

  @Test
  void shouldRejectEveryTokenOfASignedOutSessionCachedOrNot() {
    String sessionId = UUID.randomUUID().toString();
    String seen = withSession(sessionId);
    given().auth().oauth2(seen).when().get(PROTECTED).then().statusCode(200);

    revokedSessions.revoke(sessionId, Instant.now().plusSeconds(600));

    assertInvalid(seen);
    assertInvalid(withSession(sessionId));
    given()
        .auth()
        .oauth2(withSession(UUID.randomUUID().toString()))
        .when()
        .get(PROTECTED)
        .then()
        .statusCode(200);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.switchboard.testing.HostileTokens#arguments")
  void shouldRefuseEveryHostileToken(String name, String token) {
    assertInvalid(token);
  }

  @Test
  void shouldRejectGarbageToken() {
    assertInvalid("not-a-jwt");
  }

  @Test
  void shouldRejectExpiredToken() {
    assertInvalid(TestTokens.expired(UUID.randomUUID()));
  }

  @Test
  void shouldRejectTokenFromAnotherIssuer() {
    assertInvalid(TestTokens.wrongIssuer(UUID.randomUUID()));
  }

  @Test
  void shouldRejectTokenForAnotherAudience() {
    assertInvalid(TestTokens.wrongAudience(UUID.randomUUID()));
  }

  @Test
  void shouldRejectTokenSignedByAnotherKey() {
    assertInvalid(TestTokens.otherKey(UUID.randomUUID()));
  }

  @Test
  void shouldRejectUnsignedAlgNoneToken() {
    assertInvalid(TestTokens.algNone(UUID.randomUUID()));
  }

  @Test
  void shouldRejectTamperedToken() {
    assertInvalid(TestTokens.tampered(UUID.randomUUID()));
  }

  @Test
  void shouldAcceptLowercaseBearerScheme() {
    given()
        .header("Authorization", "bearer " + TestTokens.user())
        .when()
        .get(PROTECTED)
        .then()
        .statusCode(200)
        .body("service", equalTo("agent-service"));
  }

  @Test
  void shouldAcceptTheSameTokenRepeatedly() {
    String token = TestTokens.user();
    for (int i = 0; i < 3; i++) {
      given().auth().oauth2(token).when().get(PROTECTED).then().statusCode(200);
    }
  }

  @Test
  void shouldProtectAuthPathsOtherThanSignIn() {
    assertProblem(given().when().get("/api/auth/me").then(), "unauthenticated");
    assertProblem(given().when().post("/api/auth/logout").then(), "unauthenticated");
    assertProblem(given().when().get("/api/auth/login").then(), "unauthenticated");
  }

  @Test
  void shouldRejectTokenBeforeReachingTheService() {
    // A POST with a bad token gets the problem, not the service's 201.
    assertProblem(
        given().auth().oauth2("garbage").body("{}").when().post("/api/pipelines").then(),
        "invalid_token");
  }

  @Test
  void shouldCountRejectionsByReason() {
    given().when().get(PROTECTED).then().statusCode(401);
    given()
        .auth()
        .oauth2(TestTokens.expired(UUID.randomUUID()))
        .when()
        .get(PROTECTED)
        .then()
        .statusCode(401);
    String metrics = given().get("/metrics").then().statusCode(200).extract().asString();
    assertTrue(
        metrics.contains("switchboard_gateway_token_rejections_total{reason=\"missing\"}"),
        metrics);
    assertTrue(
        metrics.contains("switchboard_gateway_token_rejections_total{reason=\"expired\"}"),
        metrics);
  }

  private static String withSession(String sessionId) {
    return TestTokens.sign(
        TestTokens.claims(UUID.randomUUID(), Set.of("user")).claim("sid", sessionId));
  }

  private static void assertInvalid(String token) {
    assertProblem(given().auth().oauth2(token).when().get(PROTECTED).then(), "invalid_token");
  }

  private static void assertProblem(ValidatableResponse response, String code) {
    response
        .statusCode(401)
        .contentType("application/problem+json")
        .header("WWW-Authenticate", "Bearer")
        .body("code", equalTo(code))
        .body("status", equalTo(401));
  }
}
