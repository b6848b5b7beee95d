package io.switchboard.defaults.security;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The sessions signed out before their tokens expired, as told by auth-service on {@code
 * auth.events} ({@link RevocationListener}). Every verifier asks {@link #isRevoked} after a token's
 * signature and claims check out. An entry is dropped once the session would have expired anyway,
 * so the set stays as small as the number of sessions revoked within one token lifetime.
 */
@ApplicationScoped
public class RevokedSessions {

  private static final int PURGE_EVERY = 1024;

  private final Map<String, Instant> revoked = new ConcurrentHashMap<>();
  private int additions;

  /** Records that tokens of session {@code sid} are refused until {@code expiresAt}. */
  public void revoke(String sid, Instant expiresAt) {
    if (sid == null || expiresAt == null || expiresAt.isBefore(Instant.now())) {
      return;
    }
    revoked.merge(sid, expiresAt, (a, b) -> a.isAfter(b) ? a : b);
    if (++additions % PURGE_EVERY == 0) {
      purgeExpired();
    }
  }

  public boolean isRevoked(String sid) {
    return sid != null && revoked.containsKey(sid);
  }

  public int size() {
    return revoked.size();
  }

  void purgeExpired() {
    Instant now = Instant.now();
    revoked.values().removeIf(expiry -> expiry.isBefore(now));
  }
}
