package io.switchboard.gateway.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class VerifiedTokenCacheTest {

  private static final long NOW = 1_800_000_000L;

  @Test
  void shouldTrustTokenUntilItExpires() {
    VerifiedTokenCache cache = new VerifiedTokenCache(10);
    cache.trust("a", "sid-a", NOW + 60, NOW);
    assertTrue(cache.isTrusted("a", NOW + 59));
    assertFalse(cache.isTrusted("a", NOW + 60));
    assertEquals(0, cache.size(), "an expired entry is dropped when met");
  }

  @Test
  void shouldNotTrustUnknownToken() {
    assertFalse(new VerifiedTokenCache(10).isTrusted("never-seen", NOW));
  }

  @Test
  void shouldCapTrustOfLongLivedTokens() {
    VerifiedTokenCache cache = new VerifiedTokenCache(10);
    cache.trust("a", "sid-a", NOW + 86_400, NOW);
    assertTrue(cache.isTrusted("a", NOW + VerifiedTokenCache.MAX_TRUST_SECONDS - 1));
    assertFalse(cache.isTrusted("a", NOW + VerifiedTokenCache.MAX_TRUST_SECONDS));
  }

  @Test
  void shouldNotRememberAlreadyExpiredToken() {
    VerifiedTokenCache cache = new VerifiedTokenCache(10);
    cache.trust("a", "sid-a", NOW - 1, NOW);
    assertEquals(0, cache.size());
  }

  @Test
  void shouldEvictLeastRecentlyUsedWhenFull() {
    VerifiedTokenCache cache = new VerifiedTokenCache(2);
    cache.trust("a", "sid-a", NOW + 60, NOW);
    cache.trust("b", "sid-b", NOW + 60, NOW);
    assertTrue(cache.isTrusted("a", NOW)); // a is now the most recently used
    cache.trust("c", "sid-c", NOW + 60, NOW);
    assertEquals(2, cache.size());
    assertTrue(cache.isTrusted("a", NOW));
    assertFalse(cache.isTrusted("b", NOW));
    assertTrue(cache.isTrusted("c", NOW));
  }
}
