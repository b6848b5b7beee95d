package io.switchboard.auth.passkey;

import static io.restassured.RestAssured.given;
import static io.switchboard.auth.account.Accounts.register;
import static io.switchboard.auth.account.Accounts.uniqueName;
import static io.switchboard.auth.passkey.Passkeys.authenticate;
import static io.switchboard.auth.passkey.Passkeys.authenticateChallenge;
import static io.switchboard.auth.passkey.Passkeys.authenticateOptions;
import static io.switchboard.auth.passkey.Passkeys.registerOptions;
import static io.switchboard.auth.passkey.Passkeys.registerPasskey;
import static io.switchboard.auth.passkey.Passkeys.uniqueIp;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import io.switchboard.auth.passkey.Passkeys.Challenge;
import io.switchboard.testing.SwitchboardTestResource;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The registration and authentication ceremonies, driven by a software authenticator. */
@QuarkusTest
@WithTestResource(
    value = SwitchboardTestResource.class,
    initArgs = @ResourceArg(name = "testKeys", value = "false"))
class PasskeyCeremonyTest {

  @BeforeAll
  static void logFailures() {
    RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
  }

  @Test
  void shouldRegisterAPasskeyAndSignInWithIt() {
    String name = uniqueName();
    String token = register(name).statusCode(201).extract().path("token");
    SoftwareAuthenticator authenticator = new SoftwareAuthenticator();

    JsonPath options = registerOptions(token);
    assertThat(options.getString("rp.id")).isEqualTo("localhost");
    assertThat(options.getString("rp.name")).isEqualTo("Switchboard");
    assertThat(options.getString("user.name")).isEqualTo(name);
    assertThat(options.getString("user.id")).matches("[A-Za-z0-9_-]{22}");
    assertThat(options.getString("challenge")).matches("[A-Za-z0-9_-]{43}");
    assertThat(options.getList("pubKeyCredParams.alg", Integer.class)).containsExactly(-7, -257);
    assertThat(options.getString("attestation")).isEqualTo("none");
    assertThat(options.getString("authenticatorSelection.userVerification")).isEqualTo("preferred");
    assertThat(options.getList("excludeCredentials")).isEmpty();
    String passkeyId =
        Passkeys.register(
                token,
                options.getString("challengeId"),
                authenticator.register(options.getString("challenge")))
            .statusCode(201)
            .body("passkey.name", equalTo("Test key"))
            .body("passkey.createdAt", notNullValue())
            .body("passkey.lastUsedAt", nullValue())
            .extract()
            .path("passkey.id");

    given()
        .auth()
        .oauth2(token)
        .get("/api/auth/me")
        .then()
        .statusCode(200)
        .body("passkeys.id", contains(passkeyId))
        .body("passkeys[0].name", equalTo("Test key"));

    JsonPath request = authenticateOptions(name);
    assertThat(request.getString("rpId")).isEqualTo("localhost");
    assertThat(request.getList("allowCredentials.id"))
        .containsExactly(authenticator.credentialId());
    assertThat(request.getList("allowCredentials.transports")).containsExactly(List.of("internal"));
    String signedIn =
        authenticate(
                request.getString("challengeId"),
                authenticator.assertion(request.getString("challenge")),
                uniqueIp())
            .statusCode(200)
            .body("user.username", equalTo(name))
            .body("expiresAt", notNullValue())
            .extract()
            .path("token");

    given()
        .auth()
        .oauth2(signedIn)
        .get("/api/auth/me")
        .then()
        .statusCode(200)
        .body("username", equalTo(name))
        .body("passkeys[0].lastUsedAt", notNullValue());
  }

  @Test
  void shouldSignInWithoutAUsername() {
    String name = uniqueName();
    String token = register(name).statusCode(201).extract().path("token");
    SoftwareAuthenticator authenticator = new SoftwareAuthenticator();
    registerPasskey(token, authenticator);

    Challenge challenge = authenticateChallenge(null);

    authenticate(challenge.id(), authenticator.assertion(challenge.value()), uniqueIp())
        .statusCode(200)
        .body("user.username", equalTo(name));
  }

  @Test
  void shouldFindTheRegistrationChallengeByValueWhenNoIdIsSent() {
    String token = register(uniqueName()).statusCode(201).extract().path("token");
    SoftwareAuthenticator authenticator = new SoftwareAuthenticator();
    Challenge challenge = Challenge.of(registerOptions(token));

    Passkeys.register(token, null, authenticator.register(challenge.value())).statusCode(201);
  }

  @Test
  void shouldExcludeRegisteredPasskeysAndRefuseOneTwice() {
    String token = register(uniqueName()).statusCode(201).extract().path("token");
    SoftwareAuthenticator authenticator = new SoftwareAuthenticator();
    registerPasskey(token, authenticator);

    Challenge challenge = Challenge.of(registerOptions(token));
    assertThat(registerOptions(token).getList("excludeCredentials.id"))
        .containsExactly(authenticator.credentialId());
    Passkeys.register(token, challenge.id(), authenticator.register(challenge.value()))
        .statusCode(409)
        .body("code", equalTo("passkey_exists"));
  }

  @Test
  void shouldAnswerOptionsForAnUnknownUsernameLikeForAnyOther() {
    String known = uniqueName();
    register(known).statusCode(201);

    JsonPath unknown = authenticateOptions(uniqueName());
    JsonPath knownWithout = authenticateOptions(known);

    Map<String, Object> unknownMap = unknown.getMap("");
    assertThat(unknownMap.keySet()).isEqualTo(knownWithout.getMap("").keySet());
    assertThat(unknown.getList("allowCredentials")).isEmpty();
    assertThat(knownWithout.getList("allowCredentials")).isEmpty();
    assertThat(unknown.getString("userVerification")).isEqualTo("preferred");
  }

  @Test
  void shouldListAndDeleteOnlyOwnPasskeys() {
    String token = register(uniqueName()).statusCode(201).extract().path("token");
    String other = register(uniqueName()).statusCode(201).extract().path("token");
    String passkeyId = registerPasskey(token, new SoftwareAuthenticator());

    given().auth().oauth2(other).delete("/api/auth/passkey/" + passkeyId).then().statusCode(404);
    given().auth().oauth2(token).get("/api/auth/me").then().body("passkeys", hasSize(1));
    given().auth().oauth2(token).delete("/api/auth/passkey/" + passkeyId).then().statusCode(204);
    given().auth().oauth2(token).get("/api/auth/me").then().body("passkeys", hasSize(0));
  }
}
