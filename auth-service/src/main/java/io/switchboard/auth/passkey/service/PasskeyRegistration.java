package io.switchboard.auth.passkey.service;

import com.webauthn4j.data.AuthenticatorTransport;
import com.webauthn4j.data.RegistrationData;
import com.webauthn4j.data.RegistrationParameters;
import com.webauthn4j.data.attestation.authenticator.AttestedCredentialData;
import com.webauthn4j.data.attestation.authenticator.AuthenticatorData;
import com.webauthn4j.verifier.exception.VerificationException;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.switchboard.auth.account.User;
import io.switchboard.auth.passkey.Passkey;
import io.switchboard.auth.passkey.PasskeyConfig;
import io.switchboard.auth.passkey.rest.PasskeyDtos.AuthenticatorSelection;
import io.switchboard.auth.passkey.rest.PasskeyDtos.CreationOptions;
import io.switchboard.auth.passkey.rest.PasskeyDtos.CredentialParameters;
import io.switchboard.auth.passkey.rest.PasskeyDtos.RegisterRequest;
import io.switchboard.auth.passkey.rest.PasskeyDtos.RelyingParty;
import io.switchboard.auth.passkey.rest.PasskeyDtos.UserEntity;
import io.switchboard.auth.passkey.service.ChallengeStore.Consumed;
import io.switchboard.auth.passkey.service.ChallengeStore.Issued;
import io.switchboard.auth.passkey.service.ChallengeStore.Purpose;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/** The registration ceremony: options for {@code navigator.credentials.create}, then its check. */
@ApplicationScoped
public class PasskeyRegistration {

  private final ChallengeStore challenges;
  private final WebAuthnSupport webAuthn;
  private final PasskeyDescriptors descriptors;

  public PasskeyRegistration(
      ChallengeStore challenges, WebAuthnSupport webAuthn, PasskeyDescriptors descriptors) {
    this.challenges = challenges;
    this.webAuthn = webAuthn;
    this.descriptors = descriptors;
  }

  /** A new registration challenge for the account, excluding the passkeys it has already. */
  public CreationOptions options(User user) {
    PasskeyConfig config = webAuthn.config();
    Issued issued = challenges.issue(Purpose.REGISTER, user.id);
    return new CreationOptions(
        issued.id(),
        new RelyingParty(config.rpId(), config.rpName()),
        new UserEntity(
            WebAuthnSupport.base64Url(userHandle(user.id)),
            user.username,
            user.displayName == null ? user.username : user.displayName),
        WebAuthnSupport.base64Url(issued.challenge()),
        WebAuthnSupport.ALGORITHMS.stream()
            .map(p -> new CredentialParameters("public-key", (int) p.getAlg().getValue()))
            .toList(),
        config.challengeLifetime().toMillis(),
        descriptors.of(user.id),
        new AuthenticatorSelection("preferred", config.userVerification().value()),
        "none");
  }

  /**
   * Verifies a RegistrationResponseJSON against the account's registration challenge (consumed
   * whatever the outcome), the origins and the rp id, and stores the passkey.
   */
  public Passkey finish(UUID userId, RegisterRequest request) {
    RegistrationData data = webAuthn.parseRegistration(request.credential());
    Optional<Consumed> consumed =
        request.challengeId() != null
            ? challenges.consume(Purpose.REGISTER, request.challengeId(), userId)
            : challenges.consume(
                Purpose.REGISTER, data.getCollectedClientData().getChallenge().getValue(), userId);
    byte[] challenge = consumed.orElseThrow(PasskeyProblems::invalidPasskey).challenge();
    try {
      webAuthn
          .manager()
          .verify(
              data,
              new RegistrationParameters(
                  webAuthn.serverProperty(challenge),
                  WebAuthnSupport.ALGORITHMS,
                  webAuthn.userVerificationRequired(),
                  true));
    } catch (VerificationException e) {
      throw PasskeyProblems.invalidPasskey();
    }
    try {
      return QuarkusTransaction.requiringNew().call(() -> store(userId, data, request.name()));
    } catch (RuntimeException e) {
      if (isUniqueViolation(e)) {
        throw PasskeyProblems.credentialTaken(); // registered by a concurrent ceremony
      }
      throw e;
    }
  }

  private static boolean isUniqueViolation(Throwable error) {
    for (Throwable cause = error; cause != null; cause = cause.getCause()) {
      if (cause instanceof java.sql.SQLException sql && "23505".equals(sql.getSQLState())) {
        return true;
      }
    }
    return false;
  }

  private Passkey store(UUID userId, RegistrationData data, String name) {
    AuthenticatorData<?> authData = data.getAttestationObject().getAuthenticatorData();
    AttestedCredentialData credential = authData.getAttestedCredentialData();
    if (Passkey.findByCredentialId(credential.getCredentialId()).isPresent()) {
      throw PasskeyProblems.credentialTaken();
    }
    Passkey passkey = new Passkey();
    passkey.id = UUID.randomUUID();
    passkey.userId = userId;
    passkey.credentialId = credential.getCredentialId();
    passkey.attestedCredentialData = webAuthn.serialise(credential);
    passkey.signCount = authData.getSignCount();
    passkey.uvInitialized = authData.isFlagUV();
    passkey.backupEligible = authData.isFlagBE();
    passkey.backupState = authData.isFlagBS();
    passkey.name = name == null || name.isBlank() ? "Passkey" : name.trim();
    passkey.transports = transports(data.getTransports());
    passkey.createdAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    passkey.persistAndFlush();
    return passkey;
  }

  private static String transports(Set<AuthenticatorTransport> transports) {
    if (transports == null || transports.isEmpty()) {
      return null;
    }
    String joined =
        transports.stream()
            .map(AuthenticatorTransport::getValue)
            .sorted()
            .collect(Collectors.joining(","));
    return joined.length() > 200 ? null : joined;
  }

  /** The WebAuthn user handle of an account: the 16 bytes of its id. */
  public static byte[] userHandle(UUID userId) {
    return ByteBuffer.allocate(16)
        .putLong(userId.getMostSignificantBits())
        .putLong(userId.getLeastSignificantBits())
        .array();
  }
}
