package io.switchboard.auth.passkey.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.webauthn4j.WebAuthnManager;
import com.webauthn4j.converter.AttestedCredentialDataConverter;
import com.webauthn4j.converter.util.ObjectConverter;
import com.webauthn4j.data.AuthenticationData;
import com.webauthn4j.data.PublicKeyCredentialParameters;
import com.webauthn4j.data.PublicKeyCredentialType;
import com.webauthn4j.data.RegistrationData;
import com.webauthn4j.data.attestation.authenticator.AttestedCredentialData;
import com.webauthn4j.data.attestation.statement.COSEAlgorithmIdentifier;
import com.webauthn4j.data.client.Origin;
import com.webauthn4j.data.client.challenge.DefaultChallenge;
import com.webauthn4j.server.ServerProperty;
import io.switchboard.auth.passkey.PasskeyConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * webauthn4j, set up for this relying party: a non-strict manager (attestation {@code none}
 * accepted: we trust the account, not the authenticator model), the origins and rp id of {@link
 * PasskeyConfig}, and ES256/RS256 keys.
 */
@ApplicationScoped
public class WebAuthnSupport {

  /** The algorithms offered at registration and accepted when verifying it. */
  public static final List<PublicKeyCredentialParameters> ALGORITHMS =
      List.of(
          new PublicKeyCredentialParameters(
              PublicKeyCredentialType.PUBLIC_KEY, COSEAlgorithmIdentifier.ES256),
          new PublicKeyCredentialParameters(
              PublicKeyCredentialType.PUBLIC_KEY, COSEAlgorithmIdentifier.RS256));

  private final ObjectConverter converter = new ObjectConverter();
  private final WebAuthnManager manager = WebAuthnManager.createNonStrictWebAuthnManager(converter);
  private final AttestedCredentialDataConverter credentialDataConverter =
      new AttestedCredentialDataConverter(converter);
  private final PasskeyConfig config;
  private final Set<Origin> origins;

  public WebAuthnSupport(PasskeyConfig config) {
    this.config = config;
    this.origins = config.origins().stream().map(Origin::new).collect(Collectors.toSet());
  }

  public WebAuthnManager manager() {
    return manager;
  }

  public PasskeyConfig config() {
    return config;
  }

  public boolean userVerificationRequired() {
    return config.userVerification() == PasskeyConfig.UserVerification.REQUIRED;
  }

  /** What the client must have signed: our origins, our rp id, this challenge. */
  public ServerProperty serverProperty(byte[] challenge) {
    return new ServerProperty(origins, config.rpId(), new DefaultChallenge(challenge));
  }

  /** Parses a RegistrationResponseJSON; 400 naming {@code credential} when it is not one. */
  public RegistrationData parseRegistration(JsonNode credential) {
    try {
      RegistrationData data = manager.parseRegistrationResponseJSON(credential.toString());
      if (data.getCollectedClientData() == null
          || data.getCollectedClientData().getChallenge() == null
          || data.getAttestationObject() == null
          || data.getAttestationObject().getAuthenticatorData().getAttestedCredentialData()
              == null) {
        throw PasskeyProblems.malformedCredential("is not a complete RegistrationResponseJSON");
      }
      return data;
    } catch (RuntimeException e) {
      throw rethrowMalformed(e, "is not a valid RegistrationResponseJSON");
    }
  }

  /** Parses an AuthenticationResponseJSON; 400 naming {@code credential} when it is not one. */
  public AuthenticationData parseAuthentication(JsonNode credential) {
    try {
      AuthenticationData data = manager.parseAuthenticationResponseJSON(credential.toString());
      if (data.getCredentialId() == null
          || data.getCollectedClientData() == null
          || data.getAuthenticatorData() == null
          || data.getSignature() == null) {
        throw PasskeyProblems.malformedCredential("is not a complete AuthenticationResponseJSON");
      }
      return data;
    } catch (RuntimeException e) {
      throw rethrowMalformed(e, "is not a valid AuthenticationResponseJSON");
    }
  }

  public byte[] serialise(AttestedCredentialData data) {
    return credentialDataConverter.convert(data);
  }

  public AttestedCredentialData deserialise(byte[] bytes) {
    return credentialDataConverter.convert(bytes);
  }

  public static String base64Url(byte[] bytes) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  private static RuntimeException rethrowMalformed(RuntimeException e, String message) {
    if (e instanceof io.switchboard.defaults.problem.ProblemException) {
      return e;
    }
    return PasskeyProblems.malformedCredential(message);
  }
}
