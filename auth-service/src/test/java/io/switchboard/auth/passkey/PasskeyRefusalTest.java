package io.switchboard.auth.passkey;

import static io.switchboard.auth.account.Accounts.register;
import static io.switchboard.auth.account.Accounts.uniqueName;
import static io.switchboard.auth.passkey.Passkeys.authenticate;
import static io.switchboard.auth.passkey.Passkeys.authenticateChallenge;
import static io.switchboard.auth.passkey.Passkeys.registerOptions;
import static io.switchboard.auth.passkey.Passkeys.registerPasskey;
import static io.switchboard.auth.passkey.Passkeys.uniqueIp;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import io.switchboard.auth.passkey.Passkeys.Challenge;
import io.switchboard.testing.SwitchboardTestResource;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.Base64;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * Ceremonies that must fail, all with the one answer 401 {@code invalid_passkey}: replayed, expired
 * and foreign challenges, wrong origins, bad signatures, counters that do not increase and unknown
 * credentials.
 */
@QuarkusTest
@WithTestResource(
    value = SwitchboardTestResource.class,
    initArgs = @ResourceArg(name = "testKeys", value = "false"))
class PasskeyRefusalTest {

  @Inject DataSource dataSource;

  /** An account with a registered passkey. */
  record Enrolled(String username, String token, SoftwareAuthenticator authenticator) {
    static Enrolled create() {
      String username = uniqueName();
      String token = register(username).statusCode(201).extract().path("token");
      SoftwareAuthenticator authenticator = new SoftwareAuthenticator();
      registerPasskey(token, authenticator);
      return new Enrolled(username, token, authenticator);
    }
  }

  private static void refused(ValidatableResponse response) {
    response.statusCode(401).body("code", equalTo("invalid_passkey"));
  }

  @Test
  void shouldRefuseAReplayedChallenge() {
    Enrolled account = Enrolled.create();
    Challenge challenge = authenticateChallenge(account.username());
    ObjectNode first = account.authenticator().assertion(challenge.value());
    authenticate(challenge.id(), first, uniqueIp()).statusCode(200);

    refused(authenticate(challenge.id(), first, uniqueIp()));
    refused(
        authenticate(
            challenge.id(), account.authenticator().assertion(challenge.value()), uniqueIp()));
  }

  @Test
  void shouldRefuseAnExpiredChallenge() throws Exception {
    Enrolled account = Enrolled.create();
    Challenge challenge = authenticateChallenge(account.username());
    try (Connection connection = dataSource.getConnection();
        PreparedStatement expire =
            connection.prepareStatement(
                "UPDATE webauthn_challenge SET expires_at = now() - interval '1 second'"
                    + " WHERE id = ?")) {
      expire.setObject(1, UUID.fromString(challenge.id()));
      expire.executeUpdate();
    }

    refused(
        authenticate(
            challenge.id(), account.authenticator().assertion(challenge.value()), uniqueIp()));
  }

  @Test
  void shouldRefuseARegistrationChallengeForSigningIn() {
    Enrolled account = Enrolled.create();
    Challenge challenge = Challenge.of(registerOptions(account.token()));

    refused(
        authenticate(
            challenge.id(), account.authenticator().assertion(challenge.value()), uniqueIp()));
  }

  @Test
  void shouldRefuseASignInChallengeForRegistering() {
    String token = register(uniqueName()).statusCode(201).extract().path("token");
    Challenge challenge = authenticateChallenge(null);

    refused(
        Passkeys.register(
            token, challenge.id(), new SoftwareAuthenticator().register(challenge.value())));
    refused(
        Passkeys.register(token, null, new SoftwareAuthenticator().register(challenge.value())));
  }

  @Test
  void shouldRefuseAnotherAccountsRegistrationChallengeAndLeaveItUsable() {
    String owner = register(uniqueName()).statusCode(201).extract().path("token");
    String intruder = register(uniqueName()).statusCode(201).extract().path("token");
    Challenge challenge = Challenge.of(registerOptions(owner));
    SoftwareAuthenticator authenticator = new SoftwareAuthenticator();

    refused(Passkeys.register(intruder, challenge.id(), authenticator.register(challenge.value())));
    refused(Passkeys.register(intruder, null, authenticator.register(challenge.value())));
    Passkeys.register(owner, challenge.id(), authenticator.register(challenge.value()))
        .statusCode(201);
  }

  @Test
  void shouldRefuseAChallengeIssuedForAnotherUsername() {
    Enrolled account = Enrolled.create();
    Enrolled other = Enrolled.create();
    Challenge challenge = authenticateChallenge(other.username());

    refused(
        authenticate(
            challenge.id(), account.authenticator().assertion(challenge.value()), uniqueIp()));
  }

  @Test
  void shouldRefuseAWrongOrigin() {
    Enrolled account = Enrolled.create();
    Challenge challenge = authenticateChallenge(account.username());
    refused(
        authenticate(
            challenge.id(),
            account.authenticator().assertion(challenge.value(), "https://evil.example", (byte) 5),
            uniqueIp()));

    Challenge registration = Challenge.of(registerOptions(account.token()));
    refused(
        Passkeys.register(
            account.token(),
            registration.id(),
            new SoftwareAuthenticator().register(registration.value(), "https://evil.example")));
  }

  @Test
  void shouldRefuseATamperedSignature() {
    Enrolled account = Enrolled.create();
    Challenge challenge = authenticateChallenge(account.username());
    ObjectNode assertion = account.authenticator().assertion(challenge.value());
    ObjectNode response = (ObjectNode) assertion.get("response");
    byte[] signature = Base64.getUrlDecoder().decode(response.get("signature").asText());
    signature[signature.length - 1] ^= 0x01;
    response.put("signature", SoftwareAuthenticator.b64(signature));

    refused(authenticate(challenge.id(), assertion, uniqueIp()));
  }

  @Test
  void shouldRefuseACounterThatDoesNotIncreaseAndKeepTheStoredOne() {
    Enrolled account = Enrolled.create();
    SoftwareAuthenticator authenticator = account.authenticator();
    authenticator.setCounter(4);
    Challenge first = authenticateChallenge(account.username());
    authenticate(first.id(), authenticator.assertion(first.value()), uniqueIp()).statusCode(200);

    authenticator.setCounter(4);
    Challenge same = authenticateChallenge(account.username());
    refused(authenticate(same.id(), authenticator.assertion(same.value()), uniqueIp()));
    authenticator.setCounter(2);
    Challenge lower = authenticateChallenge(account.username());
    refused(authenticate(lower.id(), authenticator.assertion(lower.value()), uniqueIp()));
    authenticator.setCounter(3);
    Challenge stillLower = authenticateChallenge(account.username());
    refused(authenticate(stillLower.id(), authenticator.assertion(stillLower.value()), uniqueIp()));

    authenticator.setCounter(5);
    Challenge higher = authenticateChallenge(account.username());
    authenticate(higher.id(), authenticator.assertion(higher.value()), uniqueIp()).statusCode(200);
  }

  @Test
  void shouldRefuseAnUnknownCredential() {
    Enrolled account = Enrolled.create();
    Challenge challenge = authenticateChallenge(null);

    refused(
        authenticate(
            challenge.id(), new SoftwareAuthenticator().assertion(challenge.value()), uniqueIp()));
    Challenge bound = authenticateChallenge(account.username());
    refused(
        authenticate(bound.id(), new SoftwareAuthenticator().assertion(bound.value()), uniqueIp()));
  }

  @Test
  void shouldRefuseAnUnknownChallengeId() {
    Enrolled account = Enrolled.create();
    Challenge challenge = authenticateChallenge(account.username());

    refused(
        authenticate(
            UUID.randomUUID().toString(),
            account.authenticator().assertion(challenge.value()),
            uniqueIp()));
  }
}
