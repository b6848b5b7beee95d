package io.switchboard.auth.passkey.service;

import com.webauthn4j.data.AuthenticatorAssertionResponse;
import com.webauthn4j.data.AuthenticatorAttestationResponse;
import com.webauthn4j.data.AuthenticatorTransport;
import com.webauthn4j.data.PublicKeyCredential;
import com.webauthn4j.data.attestation.AttestationObject;
import com.webauthn4j.data.attestation.authenticator.EC2COSEKey;
import com.webauthn4j.data.attestation.authenticator.EdDSACOSEKey;
import com.webauthn4j.data.attestation.authenticator.RSACOSEKey;
import com.webauthn4j.data.attestation.statement.NoneAttestationStatement;
import com.webauthn4j.data.attestation.statement.PackedAttestationStatement;
import com.webauthn4j.data.client.ClientDataType;
import com.webauthn4j.data.client.CollectedClientData;
import com.webauthn4j.data.client.TokenBinding;
import com.webauthn4j.data.extension.authenticator.AuthenticationExtensionsAuthenticatorOutputs;
import com.webauthn4j.data.extension.client.AuthenticationExtensionsClientOutputs;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * For a native image: the webauthn4j types its own (Jackson 3) mappers create by reflection when
 * they read a RegistrationResponseJSON / AuthenticationResponseJSON, clientDataJSON, the CBOR
 * attestation object and COSE keys. Not verified by a native build here.
 */
@RegisterForReflection(
    targets = {
      PublicKeyCredential.class,
      AuthenticatorAttestationResponse.class,
      AuthenticatorAssertionResponse.class,
      AuthenticatorTransport.class,
      CollectedClientData.class,
      ClientDataType.class,
      TokenBinding.class,
      AttestationObject.class,
      NoneAttestationStatement.class,
      PackedAttestationStatement.class,
      EC2COSEKey.class,
      RSACOSEKey.class,
      EdDSACOSEKey.class,
      AuthenticationExtensionsClientOutputs.class,
      AuthenticationExtensionsAuthenticatorOutputs.class
    })
final class WebAuthnReflection {

  private WebAuthnReflection() {}
}
