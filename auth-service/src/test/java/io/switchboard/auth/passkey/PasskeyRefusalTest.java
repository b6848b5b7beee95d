package io.switchboard.auth.passkey;

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
import java.util.Base64;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Assertions and attestations that must fail, all with the one answer 401 {@code invalid_passkey}:
 * wrong origin or relying party, bad signature, a counter that does not increase, an unknown
 * credential.
 */
@QuarkusTest
@WithTestResource(
    value = SwitchboardTestResource.class,
    initArgs = @ResourceArg(name = "testKeys", value = "false"))
class PasskeyRefusalTest {

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
  void shouldRefuseAnotherRelyingParty() {
    Enrolled account = Enrolled.create();
    account.authenticator().setRpId("evil.example");
    Challenge challenge = authenticateChallenge(account.username());
    refused(
        authenticate(
            challenge.id(), account.authenticator().assertion(challenge.value()), uniqueIp()));

    SoftwareAuthenticator foreign = new SoftwareAuthenticator();
    foreign.setRpId("evil.example");
    Challenge registration = Challenge.of(registerOptions(account.token()));
    refused(
        Passkeys.register(
            account.token(), registration.id(), foreign.register(registration.value())));
  }

  @Test
  void shouldThrottleFailuresFromOneAddress() {
    String ip = uniqueIp();
    ObjectNode assertion = new SoftwareAuthenticator().assertion("AAAA");
    for (int i = 0; i < 50; i++) {
      refused(authenticate(UUID.randomUUID().toString(), assertion, ip));
    }

    authenticate(UUID.randomUUID().toString(), assertion, ip)
        .statusCode(429)
        .header("Retry-After", org.hamcrest.Matchers.notNullValue());
    refused(authenticate(UUID.randomUUID().toString(), assertion, uniqueIp()));
  }

  @Test
  void shouldRefuseAUserHandleOfAnotherAccount() {
    Enrolled account = Enrolled.create();
    Challenge challenge = authenticateChallenge(null);
    ObjectNode assertion = account.authenticator().assertion(challenge.value());
    ((ObjectNode) assertion.get("response"))
        .put("userHandle", SoftwareAuthenticator.b64(new byte[16]));

    refused(authenticate(challenge.id(), assertion, uniqueIp()));
  }
}
