package io.switchboard.auth.totp;

import static io.restassured.RestAssured.given;
import static io.switchboard.auth.totp.TotpFixtures.post;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.auth.account.Accounts;
import io.switchboard.testing.SwitchboardTestResource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Requests the TOTP endpoints refuse before looking at any code. */
@QuarkusTest
@WithTestResource(
    value = SwitchboardTestResource.class,
    initArgs = @ResourceArg(name = "testKeys", value = "false"))
class TotpBadRequestTest {

  @ParameterizedTest
  @ValueSource(strings = {"setup", "enable", "disable", "verify"})
  void shouldAskForATokenOnEveryEndpoint(String action) {
    given()
        .contentType("application/json")
        .body("{\"code\":\"123456\"}")
        .post("/api/auth/totp/" + action)
        .then()
        .statusCode(401)
        .body("code", equalTo("unauthenticated"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"enable", "disable", "verify"})
  void shouldRefuseAMissingBlankOrOversizedCode(String action) {
    String token = Accounts.tokenOfNewAccount();
    TotpFixtures.setUp(token);

    for (String body :
        new String[] {
          "{}", "{\"code\":null}", "{\"code\":\"  \"}", "{\"code\":\"123456789012345678901\"}"
        }) {
      post(token, action, body)
          .statusCode(400)
          .body("code", equalTo("validation_failed"))
          .body("errors.field", contains("code"));
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"enable", "disable", "verify"})
  void shouldRefuseACodeOfTheWrongTypeOrNoBody(String action) {
    String token = Accounts.tokenOfNewAccount();

    post(token, action, "{\"code\":[123456]}").statusCode(400);
    post(token, action, "{\"code\":{\"a\":1}}").statusCode(400);
    post(token, action, "[\"123456\"]").statusCode(400);
    post(token, action, "{\"code\":").statusCode(400);
    given()
        .auth()
        .oauth2(token)
        .contentType("application/json")
        .post("/api/auth/totp/" + action)
        .then()
        .statusCode(400);
    given()
        .auth()
        .oauth2(token)
        .contentType("text/plain")
        .body("123456")
        .post("/api/auth/totp/" + action)
        .then()
        .statusCode(415);
  }
}
