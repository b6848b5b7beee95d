package io.switchboard.gateway.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
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
  void shouldTellApartTokensThatEndAlike() {
    // the cache hashes only a token's last characters: those equal, the whole token still decides
    String tail = ".the-same-signature-tail-of-forty-characters";
    VerifiedTokenCache cache = new VerifiedTokenCache(10);
    cache.trust("header.alice" + tail, "alice", "sid-alice", NOW + 60, NOW);
    cache.trust("header.bob" + tail, "bob", "sid-bob", NOW + 60, NOW);

    assertEquals(2, cache.size());
    assertEquals("alice", cache.trusted("header.alice" + tail, NOW).subject());
    assertEquals("sid-bob", cache.trusted("header.bob" + tail, NOW).sessionId());
    assertNull(cache.trusted("header.mallory" + tail, NOW));
    assertNull(cache.trusted(tail, NOW));
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

  @Test
  void shouldKeepRecentlyUsedTokensOverNeverUsedOnesWhenEvicting() {
    VerifiedTokenCache cache = new VerifiedTokenCache(100);
    for (int i = 0; i < 100; i++) {
      cache.trust("t" + i, "sid", NOW + 60, NOW);
    }
    for (int i = 0; i < 10; i++) {
      assertTrue(cache.isTrusted("t" + i, NOW)); // the ten oldest, used again
    }
    cache.trust("t100", "sid", NOW + 60, NOW); // over capacity: down to 90 %

    assertEquals(90, cache.size());
    for (int i = 10; i <= 20; i++) {
      assertFalse(cache.isTrusted("t" + i, NOW), "never used since inserted, so evicted: t" + i);
    }
    for (int i = 0; i < 10; i++) {
      assertTrue(cache.isTrusted("t" + i, NOW), "used, so kept: t" + i);
    }
    for (int i = 21; i <= 100; i++) {
      assertTrue(cache.isTrusted("t" + i, NOW), "newer, so kept: t" + i);
    }
  }

  @Test
  void shouldDropEveryExpiredTokenWhenEvicting() {
    VerifiedTokenCache cache = new VerifiedTokenCache(10);
    for (int i = 0; i < 5; i++) {
      cache.trust("old" + i, "sid", NOW + 10, NOW);
    }
    for (int i = 0; i < 6; i++) {
      cache.trust("new" + i, "sid", NOW + 80, NOW + 20); // the old ones have expired by now
    }

    assertEquals(6, cache.size(), "the expired ones go, none of the live ones");
    for (int i = 0; i < 6; i++) {
      assertTrue(cache.isTrusted("new" + i, NOW + 20));
    }
  }

  @Test
  void shouldRememberNothingWithoutCapacity() {
    VerifiedTokenCache cache = new VerifiedTokenCache(0);
    cache.trust("a", "sid-a", NOW + 60, NOW);
    assertEquals(0, cache.size());
    assertFalse(cache.isTrusted("a", NOW));
  }

  @Test
  void shouldAnswerCorrectlyUnderConcurrentReadsAndWrites() throws Exception {
    VerifiedTokenCache cache = new VerifiedTokenCache(100_000);
    cache.trust("expired", "nobody", "sid", NOW + 1, NOW);
    List<Throwable> errors =
        runConcurrently(
            4,
            thread -> {
              for (int i = 0; i < 10_000; i++) {
                String token = "t" + thread + "-" + i;
                cache.trust(token, "user" + thread, "sid" + i, NOW + 60, NOW);
                VerifiedTokenCache.Trusted own = cache.trusted(token, NOW);
                assertNotNull(own, token);
                assertEquals("user" + thread, own.subject());
                assertEquals("sid" + i, own.sessionId());
                // Another thread's token: absent or its own, never another's entry.
                String other = "t" + ((thread + 1) % 4) + "-" + i;
                VerifiedTokenCache.Trusted theirs = cache.trusted(other, NOW);
                if (theirs != null) {
                  assertEquals("user" + ((thread + 1) % 4), theirs.subject());
                }
                assertNull(cache.trusted("never-" + i, NOW));
                assertNull(cache.trusted("expired", NOW + 1));
              }
            });

    assertEquals(List.of(), errors);
    assertEquals(40_000, cache.size());
    for (int thread = 0; thread < 4; thread++) {
      for (int i = 0; i < 10_000; i += 997) {
        assertEquals("sid" + i, cache.trusted("t" + thread + "-" + i, NOW).sessionId());
      }
    }
  }

  @Test
  void shouldStayBoundedAndNeverMixUpEntriesUnderConcurrentInsertsAndReads() throws Exception {
    int capacity = 200;
    VerifiedTokenCache cache = new VerifiedTokenCache(capacity);
    List<Throwable> errors =
        runConcurrently(
            4,
            thread -> {
              for (int i = 0; i < 20_000; i++) {
                cache.trust("t" + thread + "-" + i, "user" + thread, "sid" + i, NOW + 60, NOW);
                for (int back = 0; back < 4 && back <= i; back++) {
                  VerifiedTokenCache.Trusted seen =
                      cache.trusted("t" + thread + "-" + (i - back), NOW);
                  if (seen != null) {
                    assertEquals("user" + thread, seen.subject());
                    assertEquals("sid" + (i - back), seen.sessionId());
                  }
                }
              }
            });

    assertEquals(List.of(), errors);
    // Once the inserts have returned, no slack: every eviction pass has finished.
    assertTrue(cache.size() <= capacity, "size " + cache.size() + " over " + capacity);
    assertTrue(cache.size() >= capacity - capacity / 10 - 4, "size " + cache.size());
  }

  /** Runs {@code body} on {@code threads} threads started together; the errors they threw. */
  private static List<Throwable> runConcurrently(int threads, ThreadBody body)
      throws InterruptedException {
    ConcurrentLinkedQueue<Throwable> errors = new ConcurrentLinkedQueue<>();
    CountDownLatch start = new CountDownLatch(1);
    List<Thread> started = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int thread = t;
      Thread worker =
          new Thread(
              () -> {
                try {
                  start.await();
                  body.run(thread);
                } catch (Throwable e) {
                  errors.add(e);
                }
              });
      worker.start();
      started.add(worker);
    }
    start.countDown();
    for (Thread worker : started) {
      worker.join();
    }
    return new ArrayList<>(errors);
  }

  @FunctionalInterface
  private interface ThreadBody {
    void run(int thread) throws Exception;
  }
}
