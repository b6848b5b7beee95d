package io.switchboard.auth.password;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.auth.config.AuthConfig;
import io.switchboard.defaults.problem.ProblemException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class PasswordHasherTest {

  @Test
  void shouldWriteAnArgon2idPhcStringAtTheConfiguredCost() {
    PasswordHasher hasher = new PasswordHasher(config(19456, 2, 1, 1, 4));

    String hash = hasher.hash("correct horse battery staple");

    assertThat(hash)
        .matches("\\$argon2id\\$v=19\\$m=19456,t=2,p=1\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}");
  }

  @Test
  void shouldVerifyTheRightPasswordOnlyAndSaltEveryHash() {
    PasswordHasher hasher = new PasswordHasher(config(1024, 1, 1, 1, 4));
    String hash = hasher.hash("correct horse battery staple");

    assertThat(hasher.verify("correct horse battery staple", hash)).isTrue();
    assertThat(hasher.verify("correct horse battery stapLe", hash)).isFalse();
    assertThat(hasher.hash("correct horse battery staple")).isNotEqualTo(hash);
    assertThat(hasher.verify("anything", "$bcrypt$not-ours")).isFalse();
  }

  @Test
  void shouldStillVerifyHashesWrittenWithBouncyCastlesGenerator() {
    String stored = bouncyCastleHash("old password", 1024, 2);
    PasswordHasher hasher = new PasswordHasher(config(19456, 2, 1, 1, 4));

    assertThat(hasher.verify("old password", stored)).isTrue();
    assertThat(hasher.verify("old passworD", stored)).isFalse();
  }

  @Test
  void shouldLeaveVerificationsAtAnotherCostOutOfTheExpectedHashDuration() {
    String cheap = bouncyCastleHash("old password", 64, 1);
    PasswordHasher hasher = new PasswordHasher(config(8192, 4, 1, 1, 4));
    String current = hasher.hash("a password");
    assertThat(hasher.verify("a password", current)).isTrue();
    long expected = hasher.expectedHashNanos();
    assertThat(expected).isPositive();

    // hashes from before a cost change take their own (here far shorter) time: were they counted,
    // a queue would be admitted on a duration no new hash has
    for (int i = 0; i < 5; i++) {
      assertThat(hasher.verify("old password", cheap)).isTrue();
    }
    assertThat(hasher.expectedHashNanos()).isEqualTo(expected);

    assertThat(hasher.verify("a password", current)).isTrue();
    assertThat(hasher.expectedHashNanos()).isNotEqualTo(expected); // one at the cost is counted
  }

  /** The PHC string of {@code password} hashed by BouncyCastle at m KiB, t iterations, p=1. */
  private static String bouncyCastleHash(String password, int memoryKib, int iterations) {
    byte[] salt = "sixteen byte slt".getBytes(StandardCharsets.UTF_8);
    byte[] tag =
        Argon2idTest.bouncyCastle(
            password.getBytes(StandardCharsets.UTF_8), salt, memoryKib, iterations, 1, 32);
    Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
    return "$argon2id$v=19$m="
        + memoryKib
        + ",t="
        + iterations
        + ",p=1$"
        + b64.encodeToString(salt)
        + "$"
        + b64.encodeToString(tag);
  }

  @Test
  void shouldAskForARehashOfHashesMadeAtAnotherCostOnly() {
    PasswordHasher hasher = new PasswordHasher(config(1024, 2, 1, 1, 4));
    String current = hasher.hash("a password");

    assertThat(hasher.needsRehash(current)).isFalse();
    assertThat(hasher.needsRehash(current.replace("m=1024,", "m=19456,"))).isTrue();
    assertThat(hasher.needsRehash(current.replace(",t=2,", ",t=3,"))).isTrue();
    assertThat(hasher.needsRehash(current.replace(",p=1$", ",p=2$"))).isTrue();
    assertThat(hasher.needsRehash(current.replace("m=1024,", "m=10240,"))).isTrue();
  }

  @Test
  void shouldHashOnHalfTheCoresByDefaultSoAStormLeavesTheRestToOtherRequests() {
    assertThat(PasswordHasher.defaultWorkers(1)).isEqualTo(1);
    assertThat(PasswordHasher.defaultWorkers(2)).isEqualTo(1);
    assertThat(PasswordHasher.defaultWorkers(3)).isEqualTo(1);
    assertThat(PasswordHasher.defaultWorkers(8)).isEqualTo(4);
  }

  @Test
  void shouldHashOnThreadsOfLowerSchedulingPriority() throws Exception {
    new PasswordHasher(config(1024, 1, 1, 1, 4, 7)).hash("warms up the one worker");

    List<Integer> argon2Niceness = new ArrayList<>();
    try (var tasks = Files.list(Path.of("/proc/self/task"))) {
      for (Path task : tasks.toList()) {
        if (Files.readString(task.resolve("comm")).strip().equals("argon2")) {
          String stat = Files.readString(task.resolve("stat"));
          argon2Niceness.add(
              Integer.parseInt(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[16]));
        }
      }
    }
    assertThat(argon2Niceness).contains(7);
  }

  @Test
  void shouldRefuseToStartWithANicenessOutsideLinuxRange() {
    assertThatThrownBy(() -> new PasswordHasher(config(1024, 1, 1, 1, 4, 20)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("0 to 19");
    assertThatThrownBy(() -> new PasswordHasher(config(1024, 1, 1, 1, 4, -1)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void shouldRefuseABusyShareOutsideZeroToOneAndANegativeBurst() {
    Cost cost = oneWorker(1024, 1, AuthConfig.Isolation.PROCESS);

    assertThatThrownBy(() -> new PasswordHasher(config(cost.withPacing(0, Duration.ZERO))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("switchboard.auth.argon2.busy-share");
    assertThatThrownBy(() -> new PasswordHasher(config(cost.withPacing(2, Duration.ZERO))))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () -> new PasswordHasher(config(cost.withPacing(0.5, Duration.ofMillis(-1)))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("switchboard.auth.argon2.burst");
  }

  @Test
  void shouldSpendAtMostTheBusyShareOfAWorkersTimeHashing() {
    PasswordHasher hasher =
        new PasswordHasher(
            config(oneWorker(8192, 4, AuthConfig.Isolation.THREAD).withPacing(0.2, Duration.ZERO)));
    String stored = hasher.hash("a password");

    long elapsed = timeFourVerifications(hasher, stored);

    // without a burst, each segment of each hash is followed by a rest four times its length: four
    // verifications take >= 4 × 5 hashes' time; 12 leaves room for noise in the measurement of
    // one hash. Without the rests: ~4.
    long oneHash = timeOneHash(8192, 4);
    assertThat(elapsed).isGreaterThanOrEqualTo(12 * oneHash);
  }

  @Test
  void shouldHashAtFullSpeedWithinItsBurst() {
    PasswordHasher hasher =
        new PasswordHasher(
            config(
                oneWorker(8192, 4, AuthConfig.Isolation.THREAD)
                    .withPacing(0.001, Duration.ofSeconds(30))));
    String stored = hasher.hash("a password");

    // five hashes of tens of milliseconds fit in a burst of 30 s; paced, they would rest 999
    // times their length (~1 min)
    assertThat(timeFourVerifications(hasher, stored)).isLessThan(TimeUnit.SECONDS.toNanos(10));
  }

  @Test
  void shouldNotRestAfterTheHashItComputesAtStartUp() {
    Cost cost = oneWorker(8192, 4, AuthConfig.Isolation.THREAD);
    long start = System.nanoTime();

    new PasswordHasher(config(cost.withPacing(0.001, Duration.ZERO))).shutdown();

    // paced from its first segment, the start-up hash (the dummy one) would take ~1 min
    assertThat(System.nanoTime() - start).isLessThan(TimeUnit.SECONDS.toNanos(10));
  }

  private static long timeFourVerifications(PasswordHasher hasher, String stored) {
    long start = System.nanoTime();
    for (int i = 0; i < 4; i++) {
      assertThat(hasher.verify("a password", stored)).isTrue();
    }
    return System.nanoTime() - start;
  }

  /** The fastest of three hashes on this thread: a lower bound for one on the pool's worker. */
  private static long timeOneHash(int memoryKib, int iterations) {
    Argon2id argon2 = new Argon2id(memoryKib);
    byte[] salt = new byte[16];
    long fastest = Long.MAX_VALUE;
    for (int i = 0; i < 4; i++) {
      long start = System.nanoTime();
      argon2.hash(new byte[8], salt, memoryKib, iterations, 1, 32);
      fastest = i == 0 ? fastest : Math.min(fastest, System.nanoTime() - start); // first warms
    }
    return fastest;
  }

  @Test
  void shouldReportTheNicenessItSet() throws Exception {
    AtomicBoolean lowered = new AtomicBoolean();
    AtomicInteger niceness = new AtomicInteger(-1);
    Thread thread =
        new Thread(
            () -> {
              lowered.set(ThreadNiceness.lowerCurrentThread(3));
              niceness.set(currentNiceness());
            });
    thread.start();
    thread.join();
    assertThat(lowered).isTrue();
    assertThat(niceness.get()).isEqualTo(3);
    assertThat(ThreadNiceness.lowerCurrentThread(0)).isFalse();
  }

  @Test
  void shouldAnswer429WithRetryAfterWhenThePoolIsSaturated() {
    PasswordHasher hasher = new PasswordHasher(config(65536, 3, 1, 1, 1));
    ExecutorService callers = Executors.newFixedThreadPool(8);
    List<CompletableFuture<String>> calls = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      calls.add(
          CompletableFuture.supplyAsync(() -> hasher.hash("a long enough password"), callers));
    }

    List<ProblemException> refused = new ArrayList<>();
    for (CompletableFuture<String> call : calls) {
      try {
        call.join();
      } catch (CompletionException e) {
        if (e.getCause() instanceof ProblemException problem) {
          refused.add(problem);
        }
      }
    }

    callers.shutdown();
    assertThat(refused).isNotEmpty();
    assertThat(refused.get(0).problem().status()).isEqualTo(429);
    // the expected wait for the queue ahead, rounded up: a second or two at this cost
    assertThat(refused.get(0).retryAfterSeconds()).isBetween(1, 60);
  }

  private static AuthConfig config(
      int memoryKib, int iterations, int parallelism, int workers, int queue) {
    return config(memoryKib, iterations, parallelism, workers, queue, 0);
  }

  private static AuthConfig config(
      int memoryKib, int iterations, int parallelism, int workers, int queue, int niceness) {
    return config(
        cost(
            memoryKib,
            iterations,
            parallelism,
            workers,
            queue,
            niceness,
            AuthConfig.Isolation.THREAD));
  }

  /** One worker, a queue of 4, niceness 0, unpaced. */
  private static Cost oneWorker(int memoryKib, int iterations, AuthConfig.Isolation isolation) {
    return cost(memoryKib, iterations, 1, 1, 4, 0, isolation);
  }

  /** Unpaced, waits bounded by the queue's length only (a minute's wait allowed). */
  static Cost cost(
      int memoryKib,
      int iterations,
      int parallelism,
      int workers,
      int queue,
      int niceness,
      AuthConfig.Isolation isolation) {
    return new Cost(
        memoryKib,
        iterations,
        parallelism,
        Optional.of(workers),
        queue,
        niceness,
        isolation,
        AuthConfig.Scheduling.NICE,
        1,
        Duration.ZERO,
        Duration.ofMinutes(1));
  }

  /** Argon2 settings as a test gives them. */
  record Cost(
      int memoryKib,
      int iterations,
      int parallelism,
      Optional<Integer> workers,
      int queue,
      int niceness,
      AuthConfig.Isolation isolation,
      AuthConfig.Scheduling scheduling,
      double busyShare,
      Duration burst,
      Duration maxWait)
      implements AuthConfig.Argon2 {

    Cost withPacing(double share, Duration burst) {
      return new Cost(
          memoryKib,
          iterations,
          parallelism,
          workers,
          queue,
          niceness,
          isolation,
          scheduling,
          share,
          burst,
          maxWait);
    }
  }

  static AuthConfig config(AuthConfig.Argon2 argon2) {
    return new AuthConfig() {
      @Override
      public Optional<String> url() {
        return Optional.empty();
      }

      @Override
      public Optional<List<String>> adminUsernames() {
        return Optional.empty();
      }

      @Override
      public Tokens tokens() {
        return null;
      }

      @Override
      public Argon2 argon2() {
        return argon2;
      }

      @Override
      public Throttle throttle() {
        return null;
      }
    };
  }

  /** The calling thread's niceness as the kernel reports it (field 19 of proc(5)), or -1. */
  private static int currentNiceness() {
    try {
      String stat = Files.readString(Path.of("/proc/thread-self/stat"));
      // fields after the command name, which is in parentheses and may hold spaces
      return Integer.parseInt(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[16]);
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }
}
