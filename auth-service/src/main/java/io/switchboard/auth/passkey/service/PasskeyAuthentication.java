package io.switchboard.auth.passkey.service;

import com.webauthn4j.credential.CredentialRecordImpl;
import com.webauthn4j.data.AuthenticationData;
import com.webauthn4j.data.AuthenticationParameters;
import com.webauthn4j.data.attestation.statement.NoneAttestationStatement;
import com.webauthn4j.verifier.exception.VerificationException;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.switchboard.auth.account.User;
import io.switchboard.auth.config.AuthConfig;
import io.switchboard.auth.passkey.Passkey;
import io.switchboard.auth.passkey.PasskeyConfig;
import io.switchboard.auth.passkey.rest.PasskeyDtos.AuthenticateRequest;
import io.switchboard.auth.passkey.rest.PasskeyDtos.CredentialDescriptor;
import io.switchboard.auth.passkey.rest.PasskeyDtos.RequestOptions;
import io.switchboard.auth.passkey.service.ChallengeStore.Consumed;
import io.switchboard.auth.passkey.service.ChallengeStore.Issued;
import io.switchboard.auth.passkey.service.ChallengeStore.Purpose;
import io.switchboard.auth.session.service.ClientInfo;
import io.switchboard.auth.session.service.LoginThrottle;
import io.switchboard.auth.session.service.SessionService;
import io.switchboard.auth.session.service.SessionService.SignedIn;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The authentication ceremony: options for {@code navigator.credentials.get}, then its check and a
 * new session. Every failure gets the same 401 {@code invalid_passkey} and counts against the
 * client's address in the {@link LoginThrottle}.
 */
@ApplicationScoped
public class PasskeyAuthentication {

  private final ChallengeStore challenges;
  private final WebAuthnSupport webAuthn;
  private final PasskeyDescriptors descriptors;
  private final LoginThrottle throttle;
  private final SessionService sessions;
  private final int ipFailures;

  public PasskeyAuthentication(
      ChallengeStore challenges,
      WebAuthnSupport webAuthn,
      PasskeyDescriptors descriptors,
      LoginThrottle throttle,
      SessionService sessions,
      AuthConfig authConfig) {
    this.challenges = challenges;
    this.webAuthn = webAuthn;
    this.descriptors = descriptors;
    this.throttle = throttle;
    this.sessions = sessions;
    this.ipFailures = authConfig.throttle().ipFailures();
  }

  /**
   * A new sign-in challenge. With a username, bound to that account and listing its passkeys; an
   * unknown username gets the same shape with an empty list.
   */
  public RequestOptions options(String username) {
    Optional<User> user =
        username == null || username.isBlank()
            ? Optional.empty()
            : QuarkusTransaction.requiringNew().call(() -> User.findByLogin(username));
    UUID userId = user.map(u -> u.id).orElse(null);
    Issued issued = challenges.issue(Purpose.AUTHENTICATE, userId);
    PasskeyConfig config = webAuthn.config();
    List<CredentialDescriptor> allowed = userId == null ? List.of() : descriptors.of(userId);
    return new RequestOptions(
        issued.id(),
        WebAuthnSupport.base64Url(issued.challenge()),
        config.challengeLifetime().toMillis(),
        config.rpId(),
        allowed,
        config.userVerification().value());
  }

  /** Verifies an AuthenticationResponseJSON and opens a session for the passkey's account. */
  public SignedIn finish(AuthenticateRequest request, ClientInfo client) {
    String ipKey = "passkey-" + LoginThrottle.ipKey(client.ip());
    throttle.checkAllowed(ipKey);
    AuthenticationData data = webAuthn.parseAuthentication(request.credential());
    Optional<User> user = verify(request.challengeId(), data);
    if (user.isEmpty()) {
      throttle.recordFailure(ipKey, ipFailures);
      throw PasskeyProblems.invalidPasskey();
    }
    return sessions.open(user.get(), client);
  }

  private Optional<User> verify(UUID challengeId, AuthenticationData data) {
    Optional<Consumed> consumed = challenges.consume(Purpose.AUTHENTICATE, challengeId);
    if (consumed.isEmpty()) {
      return Optional.empty();
    }
    return QuarkusTransaction.requiringNew()
        .call(() -> verifyAndCount(consumed.get(), data).flatMap(p -> User.findLive(p.userId)));
  }

  private Optional<Passkey> verifyAndCount(Consumed challenge, AuthenticationData data) {
    Optional<Passkey> found = Passkey.lockByCredentialId(data.getCredentialId());
    if (found.isEmpty()) {
      return Optional.empty();
    }
    Passkey passkey = found.get();
    byte[] owner = PasskeyRegistration.userHandle(passkey.userId);
    boolean foreignChallenge =
        challenge.userId() != null && !challenge.userId().equals(passkey.userId);
    boolean foreignHandle =
        data.getUserHandle() != null
            && data.getUserHandle().length > 0
            && !Arrays.equals(data.getUserHandle(), owner);
    if (foreignChallenge || foreignHandle) {
      return Optional.empty();
    }
    long presented = data.getAuthenticatorData().getSignCount();
    if ((presented != 0 || passkey.signCount != 0) && presented <= passkey.signCount) {
      return Optional.empty();
    }
    try {
      webAuthn.manager().verify(data, parameters(challenge.challenge(), passkey));
    } catch (VerificationException | IllegalArgumentException e) {
      return Optional.empty();
    }
    passkey.signCount = presented;
    passkey.lastUsedAt = Instant.now();
    if (data.getAuthenticatorData().isFlagUV()) {
      passkey.uvInitialized = true;
    }
    passkey.backupState = data.getAuthenticatorData().isFlagBS();
    return Optional.of(passkey);
  }

  private AuthenticationParameters parameters(byte[] challenge, Passkey passkey) {
    CredentialRecordImpl record =
        new CredentialRecordImpl(
            new NoneAttestationStatement(),
            passkey.uvInitialized,
            passkey.backupEligible,
            passkey.backupState,
            passkey.signCount,
            webAuthn.deserialise(passkey.attestedCredentialData),
            null,
            null,
            null,
            null);
    return new AuthenticationParameters(
        webAuthn.serverProperty(challenge),
        record,
        List.of(passkey.credentialId),
        webAuthn.userVerificationRequired(),
        true);
  }
}
