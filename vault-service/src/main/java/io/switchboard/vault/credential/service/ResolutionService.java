package io.switchboard.vault.credential.service;

import io.switchboard.defaults.problem.ProblemException;
import io.switchboard.vault.audit.CredentialAudit;
import io.switchboard.vault.credential.Credential;
import io.switchboard.vault.credential.CredentialSecret;
import io.switchboard.vault.credential.rest.CredentialDtos.ResolveRequest;
import io.switchboard.vault.credential.rest.CredentialDtos.ResolveResponse;
import io.switchboard.vault.crypto.EnvelopeCipher;
import io.switchboard.vault.crypto.EnvelopeCipher.Sealed;
import io.switchboard.vault.crypto.MasterKeys;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import org.jboss.logging.Logger;

/**
 * A service asks for a value on behalf of a user: only the owner's credentials, never an expired
 * one, and every answer (or refusal naming a credential) is written to the credential's audit log.
 */
@ApplicationScoped
public class ResolutionService {

  private static final Logger LOG = Logger.getLogger(ResolutionService.class);

  private final EnvelopeCipher cipher;

  public ResolutionService(MasterKeys keys) {
    this.cipher = keys.cipher();
  }

  /** Refusals that name a credential are audited too, hence no roll-back on a problem. */
  @Transactional(dontRollbackOn = ProblemException.class)
  public ResolveResponse resolve(String service, ResolveRequest request) {
    Credential c = find(service, request);
    if (c.expiresAt != null && !c.expiresAt.isAfter(Instant.now())) {
      CredentialAudit.record(c.id, c.userId, service, request.purpose(), CredentialAudit.EXPIRED);
      throw ProblemException.of(
          409,
          "credential_expired",
          "Credential expired",
          "The credential expired at " + c.expiresAt);
    }
    int version = request.version() == null ? c.version : request.version();
    CredentialSecret secret = readable(c, version);
    String value;
    try {
      value =
          cipher.open(
              c.id,
              version,
              new Sealed(secret.ciphertext, secret.wrappedDataKey, secret.masterKeyVersion));
    } catch (EnvelopeCipher.UnreadableException e) {
      LOG.errorf("Credential %s version %d cannot be decrypted: %s", c.id, version, e.getMessage());
      CredentialAudit.record(
          c.id, c.userId, service, request.purpose(), CredentialAudit.UNREADABLE);
      throw ProblemException.of(
          409,
          "credential_unreadable",
          "Credential unreadable",
          "The stored value cannot be decrypted; rotate it");
    }
    CredentialAudit.record(c.id, c.userId, service, request.purpose(), CredentialAudit.RESOLVED);
    return new ResolveResponse(c.id, c.name, value, version);
  }

  private static Credential find(String service, ResolveRequest request) {
    if (request.credentialId() != null) {
      Credential c = Credential.findById(request.credentialId());
      if (c == null || !c.userId.equals(request.userId())) {
        if (c != null) {
          CredentialAudit.record(
              c.id, request.userId(), service, request.purpose(), CredentialAudit.DENIED);
        }
        throw ProblemException.notFound("Credential");
      }
      return c;
    }
    if (request.name() != null) {
      Credential c =
          Credential.find("userId = ?1 and name = ?2", request.userId(), request.name())
              .firstResult();
      if (c == null) {
        throw ProblemException.notFound("Credential");
      }
      return c;
    }
    throw ProblemException.validation("credentialId", "credentialId or name is required");
  }

  /**
   * The stored value of {@code version}: the current one, or a previous one still inside its
   * rotation grace (for a caller that started with it). A destroyed version answers 404.
   */
  private CredentialSecret readable(Credential c, int version) {
    CredentialSecret secret =
        CredentialSecret.find("credentialId = ?1 and version = ?2", c.id, version).firstResult();
    boolean destroyed =
        secret != null
            && secret.destroyAfter != null
            && !secret.destroyAfter.isAfter(Instant.now());
    if (secret == null && version == c.version) {
      LOG.errorf("Credential %s has no stored value of its current version %d", c.id, version);
      throw ProblemException.of(
          409,
          "credential_unreadable",
          "Credential unreadable",
          "The stored value cannot be decrypted; rotate it");
    }
    if (secret == null || destroyed) {
      throw ProblemException.of(
          404,
          "credential_version_gone",
          "Not found",
          "Version " + version + " of this credential was destroyed after its rotation grace");
    }
    return secret;
  }
}
