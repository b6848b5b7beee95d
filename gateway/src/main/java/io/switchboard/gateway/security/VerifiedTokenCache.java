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
  private final Map<String, Trusted> trustedUntil;

  /**
   * A verified token: its subject, session, the second it expires and the second it stops being
   * trusted from memory.
   */
  record Trusted(String subject, String sessionId, long expires, long until) {}

  VerifiedTokenCache(int capacity) {
    this.capacity = capacity;
    this.trustedUntil =
        new LinkedHashMap<>(64, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<String, Trusted> eldest) {
            return size() > VerifiedTokenCache.this.capacity;
          }
        };
  }

  /** The token's entry when it was verified and is still trusted, else {@code null}. */
  synchronized Trusted trusted(String token, long nowEpochSeconds) {
    Trusted trusted = trustedUntil.get(token);
    if (trusted == null) {
      return null;
    }
    if (nowEpochSeconds >= trusted.until()) {
      trustedUntil.remove(token);
      return null;
    }
    return trusted;
  }

  /** Whether the token was verified and is still trusted at {@code nowEpochSeconds}. */
  boolean isTrusted(String token, long nowEpochSeconds) {
    return trusted(token, nowEpochSeconds) != null;
  }

  /** Remembers a verified token of session {@code sessionId} expiring at {@code expires...}. */
  void trust(String token, String sessionId, long expiresEpochSeconds, long nowEpochSeconds) {
    trust(token, null, sessionId, expiresEpochSeconds, nowEpochSeconds);
  }

  /** Remembers a verified token of {@code subject}'s session expiring at {@code expires...}. */
  synchronized void trust(
      String token,
      String subject,
      String sessionId,
      long expiresEpochSeconds,
      long nowEpochSeconds) {
    long until = Math.min(expiresEpochSeconds, nowEpochSeconds + MAX_TRUST_SECONDS);
    if (until > nowEpochSeconds) {
      trustedUntil.put(token, new Trusted(subject, sessionId, expiresEpochSeconds, until));
    }
  }

  synchronized int size() {
    return trustedUntil.size();
  }
}
