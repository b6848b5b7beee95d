package io.switchboard.vault.credential.service;

import io.quarkus.panache.common.Sort;
import io.switchboard.defaults.page.PageRequest;
import io.switchboard.defaults.problem.ProblemException;
import io.switchboard.vault.audit.CredentialAudit;
import io.switchboard.vault.credential.Credential;
import io.switchboard.vault.credential.CredentialSecret;
import io.switchboard.vault.credential.rest.CredentialDtos.AuditEntry;
import io.switchboard.vault.credential.rest.CredentialDtos.CreateRequest;
import io.switchboard.vault.credential.rest.CredentialDtos.CredentialList;
import io.switchboard.vault.credential.rest.CredentialDtos.CredentialView;
import io.switchboard.vault.credential.rest.CredentialDtos.UpdateRequest;
import io.switchboard.vault.crypto.EnvelopeCipher;
import io.switchboard.vault.crypto.EnvelopeCipher.Sealed;
import io.switchboard.vault.crypto.MasterKeys;
import io.switchboard.vault.crypto.VaultConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.hibernate.exception.ConstraintViolationException;

/** Credentials of one user: metadata, their encrypted values, new versions and rotation. */
@ApplicationScoped
public class CredentialService {

  private static final String MASK = "••••";
  private static final Set<String> GENERATED_TYPES =
      Set.of("api_key", "oauth_token", "password", "other");

  private final EnvelopeCipher cipher;
  private final VaultConfig config;
  private final SecureRandom random = new SecureRandom();

  public CredentialService(MasterKeys keys, VaultConfig config) {
    this.cipher = keys.cipher();
    this.config = config;
  }

  static String preview(String value) {
    return value.length() >= 12 ? MASK + value.substring(value.length() - 4) : MASK;
  }

  @Transactional
  public CredentialList list(UUID userId, PageRequest page) {
    var query = Credential.<Credential>find("userId", Sort.by("name"), userId);
    long total = query.count();
    List<CredentialView> items =
        query.range(page.offset(), page.offset() + page.limit() - 1).list().stream()
            .map(CredentialView::of)
            .toList();
    return new CredentialList(items, page.meta(total));
  }

  @Transactional
  public Credential get(UUID userId, UUID id) {
    Credential c = Credential.findById(id);
    if (c == null || !c.userId.equals(userId)) {
      throw ProblemException.notFound("Credential");
    }
    return c;
  }

  @Transactional
  public Credential create(UUID userId, CreateRequest request) {
    requireFreeName(userId, request.name());
    Instant now = Instant.now();
    Credential c = new Credential();
    c.id = UUID.randomUUID();
    c.userId = userId;
    c.name = request.name();
    c.credentialType = request.credentialType();
    c.description = request.description();
    c.tags = request.tags() == null ? new String[0] : request.tags().toArray(String[]::new);
    c.version = 1;
    c.preview = preview(request.value());
    c.createdAt = now;
    c.updatedAt = now;
    c.expiresAt = request.expiresAt();
    c.persist();
    flushName(c.name);
    storeValue(c, request.value(), now);
    return c;
  }

  @Transactional
  public Credential update(UUID userId, UUID id, UpdateRequest request) {
    Credential c = get(userId, id);
    Instant now = Instant.now();
    if (request.name() != null && !request.name().equals(c.name)) {
      requireFreeName(userId, request.name());
      c.name = request.name();
      flushName(c.name);
    }
    if (request.description() != null) {
      c.description = request.description();
    }
    if (request.tags() != null) {
      c.tags = request.tags().toArray(String[]::new);
    }
    if (request.expiresAt() != null) {
      c.expiresAt = request.expiresAt();
    }
    if (request.value() != null) {
      newVersion(c, request.value(), now);
    }
    c.updatedAt = now;
    return c;
  }

  @Transactional
  public void delete(UUID userId, UUID id) {
    Credential c = get(userId, id);
    CredentialSecret.delete("credentialId", c.id);
    c.delete();
  }

  @Transactional
  public Credential rotate(UUID userId, UUID id, String value) {
    Credential c = get(userId, id);
    if (value == null) {
      if (!GENERATED_TYPES.contains(c.credentialType)) {
        throw ProblemException.validation(
            "value", "is required to rotate a credential of type " + c.credentialType);
      }
      byte[] bytes = new byte[32];
      random.nextBytes(bytes);
      value = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
    Instant now = Instant.now();
    newVersion(c, value, now);
    c.updatedAt = now;
    return c;
  }

  @Transactional
  public List<AuditEntry> audit(UUID userId, UUID id) {
    Credential c = get(userId, id);
    return CredentialAudit.<CredentialAudit>find(
            "credentialId", Sort.descending("resolvedAt"), c.id)
        .range(0, 499)
        .list()
        .stream()
        .map(a -> new AuditEntry(a.service, a.purpose, a.resolvedAt, a.outcome))
        .toList();
  }

  /** A concurrent create or rename that won the race: the unique constraint, answered as 409. */
  private static void flushName(String name) {
    try {
      Credential.flush();
    } catch (PersistenceException e) {
      if (e instanceof ConstraintViolationException
          || e.getCause() instanceof ConstraintViolationException) {
        throw nameTaken(name);
      }
      throw e;
    }
  }

  private static ProblemException nameTaken(String name) {
    return ProblemException.of(
        409, "name_taken", "Name taken", "A credential named " + name + " already exists");
  }

  private void requireFreeName(UUID userId, String name) {
    if (Credential.count("userId = ?1 and name = ?2", userId, name) > 0) {
      throw nameTaken(name);
    }
  }

  /**
   * A new value version; the previous one stays readable (by version) for the rotation grace, then
   * {@link RetiredVersionPurge} destroys it.
   */
  private void newVersion(Credential c, String value, Instant now) {
    CredentialSecret.delete(
        "credentialId = ?1 and destroyAfter is not null and destroyAfter < ?2", c.id, now);
    CredentialSecret previous =
        CredentialSecret.find("credentialId = ?1 and version = ?2", c.id, c.version).firstResult();
    if (previous != null) {
      previous.destroyAfter = now.plus(config.rotationGrace());
    }
    c.version = c.version + 1;
    c.rotatedAt = now;
    c.preview = preview(value);
    storeValue(c, value, now);
  }

  private void storeValue(Credential c, String value, Instant now) {
    Sealed sealed = cipher.seal(c.id, c.version, value);
    CredentialSecret secret = new CredentialSecret();
    secret.credentialId = c.id;
    secret.version = c.version;
    secret.ciphertext = sealed.ciphertext();
    secret.wrappedDataKey = sealed.wrappedDataKey();
    secret.masterKeyVersion = sealed.masterKeyVersion();
    secret.createdAt = now;
    secret.destroyAfter = null;
    secret.persist();
  }
}
