package io.switchboard.auth.passkey;

import static io.switchboard.auth.account.Accounts.register;
import static io.switchboard.auth.account.Accounts.uniqueName;
import static io.switchboard.auth.passkey.Passkeys.authenticate;
import static io.switchboard.auth.passkey.Passkeys.authenticateChallenge;
import static io.switchboard.auth.passkey.Passkeys.refused;
import static io.switchboard.auth.passkey.Passkeys.registerOptions;
import static io.switchboard.auth.passkey.Passkeys.uniqueIp;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.auth.passkey.Passkeys.Challenge;
import io.switchboard.auth.passkey.Passkeys.Enrolled;
import io.switchboard.testing.SwitchboardTestResource;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * Challenges are single use, expire, and serve one purpose and one account: any other use gets 401
 * {@code invalid_passkey}.
 */
@QuarkusTest
@WithTestResource(
    value = SwitchboardTestResource.class,
    initArgs = @ResourceArg(name = "testKeys", value = "false"))
class PasskeyChallengeTest {

  @Inject DataSource dataSource;

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
