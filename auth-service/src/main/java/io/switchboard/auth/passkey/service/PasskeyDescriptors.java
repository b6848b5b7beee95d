package io.switchboard.auth.passkey.service;

import io.switchboard.auth.passkey.Passkey;
import io.switchboard.auth.passkey.rest.PasskeyDtos.CredentialDescriptor;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/** The credential descriptors of an account's passkeys (exclude/allow lists of the options). */
@ApplicationScoped
public class PasskeyDescriptors {

  /** The account's passkeys as descriptors, read in a transaction of their own. */
  public List<CredentialDescriptor> of(UUID userId) {
    return io.quarkus.narayana.jta.QuarkusTransaction.requiringNew()
        .call(() -> Passkey.listOf(userId).stream().map(PasskeyDescriptors::descriptor).toList());
  }

  private static CredentialDescriptor descriptor(Passkey passkey) {
    return new CredentialDescriptor(
        "public-key",
        WebAuthnSupport.base64Url(passkey.credentialId),
        passkey.transports == null ? null : Arrays.asList(passkey.transports.split(",")));
  }
}
