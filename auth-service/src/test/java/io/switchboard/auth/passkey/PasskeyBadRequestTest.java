package io.switchboard.auth.passkey;

import static io.restassured.RestAssured.given;
import static io.switchboard.auth.account.Accounts.tokenOfNewAccount;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import io.switchboard.testing.SwitchboardTestResource;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Requests the passkey endpoints refuse before any ceremony is checked. */
@QuarkusTest
@WithTestResource(
    value = SwitchboardTestResource.class,
    initArgs = @ResourceArg(name = "testKeys", value = "false"))
class PasskeyBadRequestTest {

  private static ValidatableResponse post(String token, String path, String body) {
    var request = given().contentType("application/json").body(body);
    if (token != null) {
      request = request.auth().oauth2(token);
    }
    return request.post("/api/auth/passkey/" + path).then();
  }

  @ParameterizedTest
  @ValueSource(strings = {"register/options", "register"})
  void shouldAskForATokenToRegister(String path) {
    post(null, path, "{}").statusCode(401).body("code", equalTo("unauthenticated"));
  }

  @Test
  void shouldAskForATokenToDelete() {
    given().delete("/api/auth/passkey/" + UUID.randomUUID()).then().statusCode(401);
  }

  @Test
  void shouldNameTheMissingOrMalformedFieldsOfARegistration() {
    String token = tokenOfNewAccount();

    post(token, "register", "{}")
        .statusCode(400)
        .body("code", equalTo("validation_failed"))
        .body("errors.field", contains("credential"));
    post(token, "register", "{\"credential\":{\"id\":\"x\"}}")
        .statusCode(400)
        .body("errors.field", contains("credential"));
    post(token, "register", "{\"credential\":{\"response\":{\"clientDataJSON\":\"!!\"}}}")
        .statusCode(400)
        .body("errors.field", contains("credential"));
    post(token, "register", "{\"credential\":{},\"name\":\"" + "n".repeat(101) + "\"}")
        .statusCode(400)
        .body("errors.field", hasItem("name"));
    post(token, "register", "{\"challengeId\":\"not-a-uuid\",\"credential\":{}}").statusCode(400);
    post(token, "register", "[1]").statusCode(400);
  }

  @Test
  void shouldNameTheMissingOrMalformedFieldsOfASignIn() {
    post(null, "authenticate", "{}")
        .statusCode(400)
        .body("code", equalTo("validation_failed"))
        .body("errors.field", hasItem("challengeId"))
        .body("errors.field", hasItem("credential"));
    post(null, "authenticate", "{\"challengeId\":\"" + UUID.randomUUID() + "\",\"credential\":7}")
        .statusCode(400)
        .body("errors.field", contains("credential"));
    post(null, "authenticate", "{\"challengeId\":\"" + UUID.randomUUID() + "\",\"credential\":{}}")
        .statusCode(400)
        .body("errors.field", contains("credential"));
    post(null, "authenticate", "{\"challengeId\":\"nope\",\"credential\":{}}").statusCode(400);
    post(null, "authenticate/options", "{\"username\":\"" + "u".repeat(255) + "\"}")
        .statusCode(400)
        .body("errors.field", contains("username"));
  }

  @Test
  void shouldStartASignInWithoutABody() {
    given().post("/api/auth/passkey/authenticate/options").then().statusCode(200);
    given()
        .contentType("application/json")
        .post("/api/auth/passkey/authenticate/options")
        .then()
        .statusCode(200);
  }
}
