package io.switchboard.vault.credential.service;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.switchboard.vault.credential.CredentialSecret;
import io.switchboard.vault.crypto.EnvelopeCipher;
import io.switchboard.vault.crypto.EnvelopeCipher.Sealed;
import io.switchboard.vault.crypto.MasterKeys;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Master-key rotation: re-wraps every stored data key that is not under the active master key, in
 * batches of {@value #BATCH} (one transaction each, so a large vault neither holds one huge
 * transaction nor loses finished batches when interrupted; running it again continues). Values are
 * never decrypted; a data key that cannot be unwrapped is counted and logged by id only.
 */
@ApplicationScoped
public class MasterKeyRewrap {

  static final int BATCH = 500;
  private static final Logger LOG = Logger.getLogger(MasterKeyRewrap.class);

  /** What a re-wrap did. */
  public record RewrapResult(int activeMasterKeyVersion, int rewrapped, int unreadable) {}

  private final EnvelopeCipher cipher;

  public MasterKeyRewrap(MasterKeys keys) {
    this.cipher = keys.cipher();
  }

  public RewrapResult rewrapAll() {
    int rewrapped = 0;
    int unreadable = 0;
    Cursor after = null;
    do {
      Cursor from = after;
      Batch batch = QuarkusTransaction.requiringNew().call(() -> rewrapBatch(from));
      rewrapped += batch.rewrapped();
      unreadable += batch.unreadable();
      after = batch.last();
    } while (after != null);
    LOG.infof(
        "Re-wrapped %d data key(s) under master key version %d; %d unreadable",
        rewrapped, cipher.activeVersion(), unreadable);
    return new RewrapResult(cipher.activeVersion(), rewrapped, unreadable);
  }

  /** Where a batch stopped, in (credential id, version) order; null before the first. */
  private record Cursor(UUID credentialId, int version) {}

  /** What one batch did; {@code last} is null when there was nothing left. */
  private record Batch(int rewrapped, int unreadable, Cursor last) {}

  private Batch rewrapBatch(Cursor after) {
    var query =
        after == null
            ? CredentialSecret.<CredentialSecret>find(
                "masterKeyVersion <> ?1 order by credentialId, version", cipher.activeVersion())
            : CredentialSecret.<CredentialSecret>find(
                "masterKeyVersion <> ?1 and (credentialId > ?2"
                    + " or (credentialId = ?2 and version > ?3)) order by credentialId, version",
                cipher.activeVersion(),
                after.credentialId(),
                after.version());
    List<CredentialSecret> stale = query.page(0, BATCH).list();
    int rewrapped = 0;
    int unreadable = 0;
    for (CredentialSecret secret : stale) {
      try {
        Sealed sealed =
            cipher.rewrap(
                secret.credentialId,
                new Sealed(secret.ciphertext, secret.wrappedDataKey, secret.masterKeyVersion));
        secret.wrappedDataKey = sealed.wrappedDataKey();
        secret.masterKeyVersion = sealed.masterKeyVersion();
        rewrapped++;
      } catch (EnvelopeCipher.UnreadableException e) {
        unreadable++;
        LOG.errorf(
            "Credential %s version %d: data key cannot be re-wrapped: %s",
            secret.credentialId, secret.version, e.getMessage());
      }
    }
    if (stale.isEmpty()) {
      return new Batch(0, 0, null);
    }
    CredentialSecret last = stale.get(stale.size() - 1);
    return new Batch(rewrapped, unreadable, new Cursor(last.credentialId, last.version));
  }
}
