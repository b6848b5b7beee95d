package io.switchboard.auth.passkey;

import static io.restassured.RestAssured.given;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import io.switchboard.auth.account.Accounts;
import org.hamcrest.Matchers;

/** Fixtures: the two passkey ceremonies over HTTP. */
public final class Passkeys {

  private static final ObjectMapper JSON = new ObjectMapper();

  private Passkeys() {}

  /** A challenge handed out by an options call. */
  public record Challenge(String id, String value) {
    static Challenge of(JsonPath options) {
      return new Challenge(options.getString("challengeId"), options.getString("challenge"));
    }
  }

  /** An account with a registered passkey. */
  public record Enrolled(String username, String token, SoftwareAuthenticator authenticator) {
    public static Enrolled create() {
      String username = Accounts.uniqueName();
      String token = Accounts.register(username).statusCode(201).extract().path("token");
      SoftwareAuthenticator authenticator = new SoftwareAuthenticator();
      registerPasskey(token, authenticator);
      return new Enrolled(username, token, authenticator);
    }
  }

  /** The one answer to every failed ceremony. */
  public static void refused(ValidatableResponse response) {
    response.statusCode(401).body("code", Matchers.equalTo("invalid_passkey"));
  }

  public static JsonPath registerOptions(String token) {
    return given()
        .auth()
        .oauth2(token)
        .post("/api/auth/passkey/register/options")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
  }

  public static ValidatableResponse register(
      String token, String challengeId, ObjectNode credential) {
    ObjectNode body = JSON.createObjectNode();
    if (challengeId != null) {
      body.put("challengeId", challengeId);
    }
    body.set("credential", credential);
    body.put("name", "Test key");
    return given()
        .auth()
        .oauth2(token)
        .contentType("application/json")
        .body(body.toString())
        .post("/api/auth/passkey/register")
        .then();
  }

  /** Registers the authenticator's credential to the account; answers the passkey id. */
  public static String registerPasskey(String token, SoftwareAuthenticator authenticator) {
    Challenge challenge = Challenge.of(registerOptions(token));
    return register(token, challenge.id(), authenticator.register(challenge.value()))
        .statusCode(201)
        .extract()
        .path("passkey.id");
  }

  public static JsonPath authenticateOptions(String username) {
    String body = username == null ? "{}" : "{\"username\":\"" + username + "\"}";
    return given()
        .contentType("application/json")
        .body(body)
        .post("/api/auth/passkey/authenticate/options")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
  }

  public static Challenge authenticateChallenge(String username) {
    return Challenge.of(authenticateOptions(username));
  }

  public static ValidatableResponse authenticate(
      String challengeId, ObjectNode credential, String clientIp) {
    ObjectNode body = JSON.createObjectNode();
    body.put("challengeId", challengeId);
    body.set("credential", credential);
    return given()
        .contentType("application/json")
        .header("X-Forwarded-For", clientIp)
        .body(body.toString())
        .post("/api/auth/passkey/authenticate")
        .then();
  }

  public static String uniqueIp() {
    return "10." + rnd() + "." + rnd() + "." + rnd();
  }

  private static int rnd() {
    return java.util.concurrent.ThreadLocalRandom.current().nextInt(1, 255);
  }
}
