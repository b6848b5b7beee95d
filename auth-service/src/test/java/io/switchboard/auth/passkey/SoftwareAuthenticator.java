package io.switchboard.auth.passkey;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.webauthn4j.converter.AttestationObjectConverter;
import com.webauthn4j.converter.AuthenticatorDataConverter;
import com.webauthn4j.converter.util.ObjectConverter;
import com.webauthn4j.data.attestation.AttestationObject;
import com.webauthn4j.data.attestation.authenticator.AAGUID;
import com.webauthn4j.data.attestation.authenticator.AttestedCredentialData;
import com.webauthn4j.data.attestation.authenticator.AuthenticatorData;
import com.webauthn4j.data.attestation.authenticator.EC2COSEKey;
import com.webauthn4j.data.attestation.statement.COSEAlgorithmIdentifier;
import com.webauthn4j.data.attestation.statement.NoneAttestationStatement;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;

/**
 * A software WebAuthn authenticator for tests: one ES256 credential (a fresh P-256 key pair),
 * attestation {@code none}, and the client side too (clientDataJSON). It produces the
 * RegistrationResponseJSON and AuthenticationResponseJSON a browser would send; each knob (origin,
 * counter, flags) can be turned to produce a hostile response.
 */
public final class SoftwareAuthenticator {

  public static final String ORIGIN = "http://localhost:3005";
  public static final String RP_ID = "localhost";
  private static final byte UP_UV = AuthenticatorData.BIT_UP | AuthenticatorData.BIT_UV;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ObjectConverter CONVERTER = new ObjectConverter();

  private final KeyPair keyPair;
  private final byte[] credentialId = new byte[32];
  private long counter;
  private String rpId = RP_ID;

  public SoftwareAuthenticator() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"));
      keyPair = generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
    new SecureRandom().nextBytes(credentialId);
  }

  public String credentialId() {
    return b64(credentialId);
  }

  /** The counter the next assertion carries (incremented before each one). */
  public void setCounter(long counter) {
    this.counter = counter;
  }

  /** The relying party id whose hash the next authenticator data carries. */
  public void setRpId(String rpId) {
    this.rpId = rpId;
  }

  public ObjectNode register(String challenge) {
    return register(challenge, ORIGIN);
  }

  /**
   * {@code navigator.credentials.create} for a challenge (base64url), as RegistrationResponseJSON.
   */
  public ObjectNode register(String challenge, String origin) {
    byte[] clientData = clientData("webauthn.create", challenge, origin);
    AttestedCredentialData attested =
        new AttestedCredentialData(
            AAGUID.ZERO,
            credentialId,
            EC2COSEKey.create((ECPublicKey) keyPair.getPublic(), COSEAlgorithmIdentifier.ES256));
    AuthenticatorData<
            com.webauthn4j.data.extension.authenticator.RegistrationExtensionAuthenticatorOutput>
        authData =
            new AuthenticatorData<>(
                sha256(rpId.getBytes(StandardCharsets.UTF_8)),
                (byte) (UP_UV | AuthenticatorData.BIT_AT),
                counter,
                attested);
    byte[] attestationObject =
        new AttestationObjectConverter(CONVERTER)
            .convertToBytes(new AttestationObject(authData, new NoneAttestationStatement()));
    ObjectNode credential = envelope();
    ObjectNode response = credential.putObject("response");
    response.put("clientDataJSON", b64(clientData));
    response.put("attestationObject", b64(attestationObject));
    response.putArray("transports").add("internal");
    return credential;
  }

  public ObjectNode assertion(String challenge) {
    return assertion(challenge, ORIGIN, UP_UV);
  }

  /** {@code navigator.credentials.get} for a challenge, as AuthenticationResponseJSON. */
  public ObjectNode assertion(String challenge, String origin, byte flags) {
    counter++;
    byte[] clientData = clientData("webauthn.get", challenge, origin);
    byte[] authData =
        new AuthenticatorDataConverter(CONVERTER)
            .convert(
                new AuthenticatorData<>(
                    sha256(rpId.getBytes(StandardCharsets.UTF_8)), flags, counter));
    byte[] signature =
        sign(
            ByteBuffer.allocate(authData.length + 32)
                .put(authData)
                .put(sha256(clientData))
                .array());
    ObjectNode credential = envelope();
    ObjectNode response = credential.putObject("response");
    response.put("clientDataJSON", b64(clientData));
    response.put("authenticatorData", b64(authData));
    response.put("signature", b64(signature));
    return credential;
  }

  private ObjectNode envelope() {
    ObjectNode credential = JSON.createObjectNode();
    credential.put("id", credentialId());
    credential.put("rawId", credentialId());
    credential.put("type", "public-key");
    credential.putObject("clientExtensionResults");
    return credential;
  }

  private static byte[] clientData(String type, String challenge, String origin) {
    ObjectNode data = JSON.createObjectNode();
    data.put("type", type);
    data.put("challenge", challenge);
    data.put("origin", origin);
    data.put("crossOrigin", false);
    return data.toString().getBytes(StandardCharsets.UTF_8);
  }

  private byte[] sign(byte[] data) {
    try {
      Signature signer = Signature.getInstance("SHA256withECDSA");
      signer.initSign(keyPair.getPrivate());
      signer.update(data);
      return signer.sign();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  static byte[] sha256(byte[] data) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(data);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  static String b64(byte[] bytes) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
