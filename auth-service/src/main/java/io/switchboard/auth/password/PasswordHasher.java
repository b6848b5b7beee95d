package io.switchboard.auth.password;

import io.switchboard.auth.config.AuthConfig;
import io.switchboard.defaults.problem.Problem;
import io.switchboard.defaults.problem.ProblemCode;
import io.switchboard.defaults.problem.ProblemException;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.function.Supplier;

/**
 * Argon2id password hashing in PHC string form ({@code $argon2id$v=19$m=..,t=..,p=..$salt$hash}),
 * on a bounded pool of its own: never on an event loop, and when every worker is busy and the queue
 * is full or would keep a sign-in waiting longer than {@code max-wait}, a 429 with {@code
 * Retry-After} (the expected wait) rather than a pile-up. With {@code isolation=process} (opt-in)
 * the pool's workers hand each hash to a hashing process at low priority ({@link HashingProcess})
 * and wait; until it is up, or where it cannot run, they hash themselves. A worker hashing in this
 * JVM keeps its Argon2 memory (m KiB) between hashes ({@link Argon2id}), so a login storm makes no
 * garbage. Whoever hashes (a worker here or in the hashing process) is paced ({@link Pacer}, {@code
 * busy-share} and {@code burst}): a storm then takes that share of a core per worker, and no more,
 * while lone sign-ins are not slowed down.
 */
@ApplicationScoped
public class PasswordHasher {

  private static final int SALT_BYTES = 16;
  private static final int HASH_BYTES = 32;
  private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();
  private static final Base64.Decoder B64D = Base64.getDecoder();

  private final AuthConfig.Argon2 cost;
  private final HashingPool pool;
  private final SecureRandom random = new SecureRandom();
  private final String phcPrefix;
  private final String dummyHash;
  private final ThreadLocal<Argon2id> engines;
  private final ThreadLocal<Pacer> pacers;
  private final HashingProcess process;

  public PasswordHasher(AuthConfig config) {
    this.cost = config.argon2();
    if (cost.niceness() < 0 || cost.niceness() > 19) {
      throw new IllegalArgumentException(
          "switchboard.auth.argon2.niceness must be 0 to 19, not " + cost.niceness());
    }
    int workers = cost.workers().orElse(defaultWorkers(Runtime.getRuntime().availableProcessors()));
    // first: a wrong busy-share or burst is refused before a hashing process is started
    Pacer.check(cost.busyShare(), cost.burst());
    this.pool =
        new HashingPool(workers, cost.queue(), cost.niceness(), cost.maxWait(), cost.busyShare());
    this.process =
        cost.isolation() == AuthConfig.Isolation.PROCESS
            ? HashingProcess.start(
                new HashingProcess.Settings(
                    workers,
                    cost.memoryKib(),
                    cost.iterations(),
                    cost.parallelism(),
                    cost.niceness(),
                    cost.scheduling() == AuthConfig.Scheduling.IDLE,
                    cost.busyShare(),
                    cost.burst()))
            : null;
    // with a hashing process, this JVM hashes only while it is not up: no memory kept for that
    int keptKib = process == null ? cost.memoryKib() : 0;
    this.engines = ThreadLocal.withInitial(() -> new Argon2id(keptKib));
    this.pacers = ThreadLocal.withInitial(() -> new Pacer(cost.busyShare(), cost.burst()));
    this.phcPrefix =
        "$argon2id$v=19$m="
            + cost.memoryKib()
            + ",t="
            + cost.iterations()
            + ",p="
            + cost.parallelism()
            + "$";
    // unpaced: the first hash runs in the interpreter, and its rest would hold up the start
    // nor counted in the pool's average duration: it would bound the queue far too early
    this.dummyHash =
        get(pool.submit(() -> compute("not-a-real-password".toCharArray(), Pacer.NONE)));
  }

  /**
   * Half the cores, at least one: a login storm then leaves the other half to every other request.
   * Measured on 2 cores (bench/login, 2026-11-29): one worker instead of two gave the same logins/s
   * (14.1 vs 14.5) while another service's p99 during the storm rose +79 % instead of +201 %.
   */
  static int defaultWorkers(int cores) {
    return Math.max(1, cores / 2);
  }

  /** A new hash of {@code password}. */
  public String hash(String password) {
    return submit(() -> compute(password.toCharArray(), pacers.get()), true);
  }

  /**
   * Whether {@code password} matches {@code stored}, in constant time. A hash made at another cost
   * (before a cost change) takes another time: it is not counted in the pool's expected duration.
   */
  public boolean verify(String password, String stored) {
    return submit(() -> matches(password.toCharArray(), stored), !needsRehash(stored));
  }

  /**
   * Whether {@code stored} (a hash that just verified) was made at another cost than the one
   * configured now: then the caller stores a new hash of the same password, so changing the cost
   * takes effect for each account at its next sign-in.
   */
  public boolean needsRehash(String stored) {
    return !stored.startsWith(phcPrefix);
  }

  /**
   * Spends the same work as {@link #verify} on a hash nobody has, so an unknown user costs the same
   * time as a wrong password.
   */
  public void verifyNothing(String password) {
    submit(() -> matches(password.toCharArray(), dummyHash), true);
  }

  /** The hashing process's id while one is up (for tests and diagnostics). */
  Optional<Long> hashingProcessId() {
    return process == null ? Optional.empty() : process.pid();
  }

  @PreDestroy
  void shutdown() {
    pool.shutdownNow();
    if (process != null) {
      process.close();
    }
  }

  /** What the pool expects a queued hash to take now (for tests). */
  long expectedHashNanos() {
    return pool.expectedTaskNanos();
  }

  /** Runs {@code work} on the pool; {@code measured}: counted in its expected duration. */
  private <T> T submit(Supplier<T> work, boolean measured) {
    Future<T> result;
    try {
      result = measured ? pool.submitMeasured(work::get) : pool.submit(work::get);
    } catch (HashingPool.Refused refused) {
      // retry when the queue ahead should be gone, at least 1 s later
      long seconds = Math.max(1, (refused.waitNanos() + 999_999_999) / 1_000_000_000);
      throw new ProblemException(
          Problem.of(ProblemCode.RATE_LIMITED, "Too many sign-ins at once; retry in a moment"),
          (int) Math.min(seconds, 60));
    }
    return get(result);
  }

  private static <T> T get(Future<T> result) {
    try {
      return result.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while hashing", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("Password hashing failed", e.getCause());
    }
  }

  private String compute(char[] password, Pacer pacer) {
    byte[] salt = new byte[SALT_BYTES];
    random.nextBytes(salt);
    byte[] hash =
        argon2(password, salt, cost.memoryKib(), cost.iterations(), cost.parallelism(), pacer);
    return phcPrefix + B64.encodeToString(salt) + "$" + B64.encodeToString(hash);
  }

  private boolean matches(char[] password, String stored) {
    String[] parts = stored.split("\\$");
    if (parts.length != 6 || !"argon2id".equals(parts[1])) {
      return false;
    }
    int memory = 0;
    int iterations = 0;
    int parallelism = 0;
    for (String setting : parts[3].split(",")) {
      int value = Integer.parseInt(setting.substring(2));
      switch (setting.charAt(0)) {
        case 'm' -> memory = value;
        case 't' -> iterations = value;
        case 'p' -> parallelism = value;
        default -> {
          return false;
        }
      }
    }
    byte[] expected = B64D.decode(parts[5]);
    byte[] actual =
        argon2(password, B64D.decode(parts[4]), memory, iterations, parallelism, pacers.get());
    return MessageDigest.isEqual(expected, actual);
  }

  /** Runs on a hashing worker: the hashing process, else its own {@link Argon2id} and memory. */
  private byte[] argon2(
      char[] password, byte[] salt, int memoryKib, int iterations, int parallelism, Pacer pacer) {
    byte[] bytes = new String(password).getBytes(StandardCharsets.UTF_8);
    try {
      if (process != null) {
        Optional<byte[]> tag =
            process.hash(bytes, salt, memoryKib, iterations, parallelism, HASH_BYTES);
        if (tag.isPresent()) {
          return tag.get();
        }
      }
      return engines.get().hash(bytes, salt, memoryKib, iterations, parallelism, HASH_BYTES, pacer);
    } finally {
      Arrays.fill(bytes, (byte) 0);
    }
  }
}
