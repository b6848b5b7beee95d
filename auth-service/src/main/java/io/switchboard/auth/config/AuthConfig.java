package io.switchboard.auth.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Accounts, sessions, tokens and login throttling. */
@ConfigMapping(prefix = "switchboard.auth")
public interface AuthConfig {

  /** Where the platform reaches this service (shared key of every service; JWKS location). */
  Optional<String> url();

  /** Usernames that get the {@code admin} role when they register (besides the first account). */
  Optional<List<String>> adminUsernames();

  Tokens tokens();

  Argon2 argon2();

  Throttle throttle();

  interface Tokens {
    /** {@code iss} of every token; must match what the verifiers expect. */
    @WithDefault("${switchboard.jwt.issuer}")
    String issuer();

    /** {@code aud} of every token. */
    @WithDefault("${switchboard.jwt.audience}")
    String audience();

    /** How long an access token (and its session) lives. */
    @WithDefault("PT15M")
    Duration lifetime();
  }

  /** Argon2id cost; the defaults are OWASP's (m=19 MiB, t=2, p=1). */
  interface Argon2 {
    @WithDefault("19456")
    int memoryKib();

    @WithDefault("2")
    int iterations();

    @WithDefault("1")
    int parallelism();

    /** Hashes computed at once; defaults to half the cores, at least one. */
    Optional<Integer> workers();

    /** Hashes allowed to wait for a worker before new ones get 429. */
    @WithDefault("64")
    int queue();

    /**
     * The longest a sign-in may expect to wait for a hashing worker (the hashes queued ahead of it
     * at the recent average duration, or paced if that is longer: the fastest hash seen divided by
     * {@link #busyShare}): beyond it, 429 at once with that wait as {@code Retry-After}, instead of
     * an answer many seconds later. Paced hashes take ~10 times as long, so under a storm this
     * bounds the queue well before {@link #queue} does (~18 at 3.7 logins/s).
     */
    @WithDefault("5s")
    Duration maxWait();

    /**
     * Linux scheduling niceness of the hashing threads (0 to 19; 0 leaves them alone): a login
     * storm then yields the CPU to other requests whenever both want it, and uses it when idle.
     */
    @WithDefault("10")
    int niceness();

    /**
     * Where hashes are computed: {@code thread}, this JVM's hashing pool, or {@code process}, a
     * child JVM at that niceness (the service's JVM never waits for a starved hashing thread at a
     * safepoint; needs a {@code java} launcher, so a native build hashes in-process). {@code
     * thread} by default: the child costs ~75 MiB more RSS per replica, which took auth-service
     * over its 350 MB footprint budget (bench/startup, 403 vs 330 MiB), for other routes' p99
     * during a login storm of 10.8-15.1 instead of 14.6-22.3 ms (bench/login).
     */
    @WithDefault("thread")
    Isolation isolation();

    /**
     * How the hashing process yields the CPU: {@code nice} (at {@link #niceness}) or {@code idle}
     * (Linux SCHED_IDLE via {@code chrt}: any other task that wakes up preempts it at once; where
     * {@code chrt} is missing, {@code nice}). Only with {@code isolation=process}: in the service's
     * JVM it would hold its safepoints longer still.
     */
    @WithDefault("nice")
    Scheduling scheduling();

    /**
     * The share of its time each hashing worker may spend hashing, above 0 and at most 1, once its
     * {@link #burst} is spent: it then rests after each Argon2 segment (a few milliseconds of work)
     * nine times as long at 0.1, so a login storm keeps at most this share of a core per worker and
     * other requests keep their latency; logins beyond that rate wait in the queue, then get 429. 1
     * never rests. 0.1 by default: on 2 cores, other routes' p99 during a 60 s login storm rose
     * +2-32 % with it (three runs, mean +16 % / +10 %; +19-34 % when resting after whole hashes
     * instead), at ~3 logins/s, against +144-439 % unpaced at 35-36 logins/s (bench/login,
     * bench/README.md).
     */
    @WithDefault("0.1")
    double busyShare();

    /**
     * The hashing time a rested worker may spend at once before {@link #busyShare} paces it; it
     * comes back at busy-share of wall-clock time (100 ms: in 1 s at 0.1). A lone sign-in, or a few
     * a second, hash at full speed (~30 ms at the default cost on this project's bench machine); 0
     * paces every hash from its first segment (~10 × slower each).
     */
    @WithDefault("100ms")
    Duration burst();
  }

  /** How the hashing process yields the CPU to other work. */
  enum Scheduling {
    NICE,
    IDLE
  }

  /** Where password hashes are computed. */
  enum Isolation {
    PROCESS,
    THREAD
  }

  interface Throttle {
    /** Failed logins for one account before it is blocked. */
    @WithDefault("5")
    int accountFailures();

    /** Failed logins from one client address before it is blocked. */
    @WithDefault("50")
    int ipFailures();

    /** Window in which failures are counted, and how long a block lasts. */
    @WithDefault("PT15M")
    Duration window();
  }
}
