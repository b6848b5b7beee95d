package io.switchboard.gateway.security;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Bearer tokens already verified, each with the instant it stops being trusted: its {@code exp}, or
 * sooner so a key withdrawn from the JWKS stops being honoured within {@link #MAX_TRUST_SECONDS}.
 * Bounded: the least recently used token goes first when full.
 */
final class VerifiedTokenCache {

  static final long MAX_TRUST_SECONDS = 300;

  private final int capacity;
  private final Map<String, Long> trustedUntil;

  VerifiedTokenCache(int capacity) {
    this.capacity = capacity;
    this.trustedUntil =
        new LinkedHashMap<>(64, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
            return size() > VerifiedTokenCache.this.capacity;
          }
        };
  }

  /** Whether the token was verified and is still trusted at {@code nowEpochSeconds}. */
  synchronized boolean isTrusted(String token, long nowEpochSeconds) {
    Long until = trustedUntil.get(token);
    if (until == null) {
      return false;
    }
    if (nowEpochSeconds >= until) {
      trustedUntil.remove(token);
      return false;
    }
    return true;
  }

  /** Remembers a verified token that expires at {@code expiresEpochSeconds}. */
  synchronized void trust(String token, long expiresEpochSeconds, long nowEpochSeconds) {
    long until = Math.min(expiresEpochSeconds, nowEpochSeconds + MAX_TRUST_SECONDS);
    if (until > nowEpochSeconds) {
      trustedUntil.put(token, until);
    }
  }

  synchronized int size() {
    return trustedUntil.size();
  }
}
