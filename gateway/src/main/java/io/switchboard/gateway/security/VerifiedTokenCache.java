package io.switchboard.gateway.security;

import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Bearer tokens already verified, each with the instant it stops being trusted: its {@code exp}, or
 * sooner so a key withdrawn from the JWKS stops being honoured within {@link #MAX_TRUST_SECONDS}.
 *
 * <p>Read on every proxied request by every event loop, so reads take no lock and, in the steady
 * state, write nothing: a {@link ConcurrentHashMap} whose entries carry a use stamp. The stamp is a
 * logical clock that advances on each insert, not per read: a read stamps its entry only when a
 * token was inserted since the entry's last stamp (one write to that entry, never to a shared
 * line).
 *
 * <p>Bounded, with <b>batch eviction by approximate LRU</b>: when an insert takes the size over the
 * capacity, one thread (the others do not wait) drops every expired entry and then the least
 * recently used ones, down to 90 % of the capacity. Recency is only as fine as the inserts: a token
 * used since the latest insert ranks above every token not used since then, and tokens last used
 * between the same two inserts rank alike (ties go in no particular order). Once concurrent {@code
 * trust} calls have returned, the size is at most the capacity; while an eviction pass runs, other
 * threads' inserts are not held up, so the size may exceed the capacity by the inserts made during
 * that pass (the evicting thread then goes round again). A pass sorts the stamps of all entries
 * (about a millisecond at 10,000 entries) once per tenth of the capacity of inserts.
 *
 * <p>Keyed by {@link Key}: a token arrives as a new string with every request, so {@link
 * String#hashCode} would walk all of its ~800 characters each time (3 % of the gateway's CPU on a
 * proxied request in a profile); the key hashes only the token's last characters, its signature's.
 */
final class VerifiedTokenCache {

  static final long MAX_TRUST_SECONDS = 300;

  private final int capacity;
  private final Map<Key, Entry> entries = new ConcurrentHashMap<>();
  private final AtomicLong inserts = new AtomicLong();
  private final AtomicBoolean evicting = new AtomicBoolean();

  /**
   * A verified token: its subject, session, the second it expires and the second it stops being
   * trusted from memory.
   */
  record Trusted(String subject, String sessionId, long expires, long until) {}

  /**
   * A token as a map key: equal when the whole tokens are equal (a record's equals), hashed over
   * the last {@value #HASHED} characters only. Of a JWT they are its signature's, which differ
   * between any two tokens; a string forged to collide cannot get in: only verified tokens are
   * stored.
   */
  private record Key(String token) {
    static final int HASHED = 24;

    @Override
    public int hashCode() {
      int hash = 0;
      for (int i = Math.max(0, token.length() - HASHED); i < token.length(); i++) {
        hash = 31 * hash + token.charAt(i);
      }
      return hash;
    }
  }

  /** A cached token and its use stamp: twice the insert count when last used, plus 1 for a read. */
  private static final class Entry {
    final Trusted trusted;
    volatile long used;

    Entry(Trusted trusted, long used) {
      this.trusted = trusted;
      this.used = used;
    }
  }

  /** A cache of at most {@code capacity} tokens; none (nothing remembered) when it is 0 or less. */
  VerifiedTokenCache(int capacity) {
    this.capacity = Math.max(0, capacity);
  }

  /** The token's entry when it was verified and is still trusted, else {@code null}. */
  Trusted trusted(String token, long nowEpochSeconds) {
    Key key = new Key(token);
    Entry entry = entries.get(key);
    if (entry == null) {
      return null;
    }
    if (nowEpochSeconds >= entry.trusted.until()) {
      entries.remove(key, entry);
      return null;
    }
    long stamp = (inserts.get() << 1) | 1;
    if (entry.used < stamp) {
      entry.used = stamp;
    }
    return entry.trusted;
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
  void trust(
      String token,
      String subject,
      String sessionId,
      long expiresEpochSeconds,
      long nowEpochSeconds) {
    long until = Math.min(expiresEpochSeconds, nowEpochSeconds + MAX_TRUST_SECONDS);
    if (until <= nowEpochSeconds || capacity == 0) {
      return;
    }
    Trusted trusted = new Trusted(subject, sessionId, expiresEpochSeconds, until);
    entries.put(new Key(token), new Entry(trusted, inserts.incrementAndGet() << 1));
    while (entries.size() > capacity && evicting.compareAndSet(false, true)) {
      try {
        evict(nowEpochSeconds);
      } finally {
        evicting.set(false);
      }
    }
  }

  int size() {
    return entries.size();
  }

  /** Drops the expired entries, then the least recently used down to 90 % of the capacity. */
  private void evict(long nowEpochSeconds) {
    entries.entrySet().removeIf(entry -> nowEpochSeconds >= entry.getValue().trusted.until());
    int target = capacity - capacity / 10;
    long[] stamps = new long[entries.size() + 16];
    int count = 0;
    for (Entry entry : entries.values()) {
      if (count == stamps.length) {
        stamps = Arrays.copyOf(stamps, count * 2);
      }
      stamps[count++] = entry.used;
    }
    int excess = count - target;
    if (excess <= 0) {
      return;
    }
    Arrays.sort(stamps, 0, count);
    long newestDropped = stamps[excess - 1];
    int atNewest = excess - lowerThan(stamps, excess, newestDropped);
    for (Map.Entry<Key, Entry> entry : entries.entrySet()) {
      Entry value = entry.getValue();
      long used = value.used;
      if (used < newestDropped || (used == newestDropped && atNewest-- > 0)) {
        entries.remove(entry.getKey(), value);
      }
    }
  }

  /** How many of the first {@code n} sorted stamps are below {@code stamp}. */
  private static int lowerThan(long[] sorted, int n, long stamp) {
    int index = Arrays.binarySearch(sorted, 0, n, stamp);
    if (index < 0) {
      return -index - 1;
    }
    while (index > 0 && sorted[index - 1] == stamp) {
      index--;
    }
    return index;
  }
}
