package io.switchboard.auth.password;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.auth.config.AuthConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class HashingProcessTest {

  private static final byte[] PASSWORD =
      "correct horse battery staple".getBytes(StandardCharsets.UTF_8);
  private static final byte[] SALT = "sixteen byte slt".getBytes(StandardCharsets.UTF_8);

  @Test
  void shouldHashInAChildProcessAtItsNicenessWithTheSameTagsAsThisJvm() throws Exception {
    try (HashingProcess process = HashingProcess.start(settings(4096, 7))) {
      long pid = await(process::pid);

      assertThat(pid).isNotEqualTo(ProcessHandle.current().pid());
      assertThat(ProcessHandle.of(pid).flatMap(h -> h.info().commandLine()).orElseThrow())
          .contains(Argon2Worker.class.getName());
      assertThat(niceness(pid)).isEqualTo(7);
      for (int[] cost : new int[][] {{1024, 2, 1}, {64, 3, 2}, {4096, 1, 4}}) {
        byte[] expected = new Argon2id(0).hash(PASSWORD, SALT, cost[0], cost[1], cost[2], 32);
        assertThat(process.hash(PASSWORD.clone(), SALT, cost[0], cost[1], cost[2], 32))
            .hasValueSatisfying(tag -> assertThat(tag).isEqualTo(expected));
      }
    }
  }

  @Test
  void shouldRunTheProcessUnderTheIdleSchedulingPolicyWhenAsked() throws Exception {
    try (HashingProcess process =
        HashingProcess.start(
            new HashingProcess.Settings(1, 1024, 1, 1, 10, true, 1, Duration.ZERO))) {
      long pid = await(process::pid);

      // field 41 of proc(5): the scheduling policy; 5 is SCHED_IDLE
      String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
      assertThat(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[38]).isEqualTo("5");
      assertThat(process.hash(PASSWORD.clone(), SALT, 1024, 1, 1, 32)).isPresent();
    }
  }

  @Test
  void shouldRefuseParametersArgon2RefusesAsThisJvmWould() throws Exception {
    try (HashingProcess process = HashingProcess.start(settings(1024, 0))) {
      await(process::pid);

      assertThatThrownBy(() -> process.hash(PASSWORD.clone(), SALT, 4, 1, 1, 32))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("8 KiB per lane");
      // and it still answers afterwards
      assertThat(process.hash(PASSWORD.clone(), SALT, 1024, 1, 1, 32)).isPresent();
    }
  }

  @Test
  void shouldLeaveAHashCostingMoreMemoryThanItWasStartedWithToThisJvm() throws Exception {
    try (HashingProcess process = HashingProcess.start(settings(1024, 0))) {
      long pid = await(process::pid);

      assertThat(process.hash(PASSWORD.clone(), SALT, 2048, 1, 1, 32)).isEmpty();
      assertThat(process.hash(PASSWORD.clone(), SALT, 1024, 1, 1, 32)).isPresent();
      assertThat(process.pid()).hasValue(pid);
    }
  }

  @Test
  void shouldAnswerEmptyForAHashInFlightWhenTheProcessDiesAndStartAnother() throws Exception {
    try (HashingProcess process = HashingProcess.start(settings(1024, 0))) {
      long first = await(process::pid);
      // a hash long enough to be in flight when the process is killed
      CompletableFuture<Optional<byte[]>> inFlight =
          CompletableFuture.supplyAsync(
              () -> process.hash(PASSWORD.clone(), SALT, 1024, 5000, 1, 32));
      Thread.sleep(300);
      ProcessHandle.of(first).orElseThrow().destroyForcibly();

      assertThat(inFlight.get(60, TimeUnit.SECONDS)).isEmpty();
      long second = await(() -> process.pid().filter(pid -> pid != first));
      assertAnswersAsThisJvm(process, 2);
      assertThat(second).isNotEqualTo(first);
    }
  }

  @Test
  void shouldKillAProcessThatDoesNotAnswerInTimeAndStartAnother() throws Exception {
    HashingProcess.Launch quick = launch(Duration.ofSeconds(2), Duration.ofSeconds(120));
    try (HashingProcess process = HashingProcess.start(settings(1024, 0), quick)) {
      long first = await(process::pid);
      ProcessHandle hung = ProcessHandle.of(first).orElseThrow();
      new ProcessBuilder("kill", "-STOP", Long.toString(first)).start().waitFor();

      long asked = System.nanoTime();
      Optional<byte[]> answer = process.hash(PASSWORD.clone(), SALT, 1024, 1, 1, 32);

      assertThat(answer).isEmpty(); // the caller hashes itself
      assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - asked))
          .isBetween(1900L, 20_000L); // its timeout, not the default 30 s
      hung.onExit().get(10, TimeUnit.SECONDS); // killed, although stopped
      long second = await(() -> process.pid().filter(pid -> pid != first));
      assertAnswersAsThisJvm(process, 1);
      assertThat(second).isNotEqualTo(first);
    }
  }

  @Test
  void shouldKillAProcessThatIsNotReadyInTimeAndKeepHashingInThisJvm() throws Exception {
    // no JVM starts that fast
    HashingProcess.Launch slow = launch(Duration.ofSeconds(30), Duration.ofMillis(1));
    try (HashingProcess process = HashingProcess.start(settings(1024, 0), slow)) {
      Thread.sleep(2500); // the first try and its retry 1 s later

      assertThat(process.pid()).isEmpty();
      assertThat(process.hash(PASSWORD.clone(), SALT, 1024, 1, 1, 32)).isEmpty();
      assertThat(
              ProcessHandle.current()
                  .children()
                  .filter(ProcessHandle::isAlive)
                  .filter(child -> child.info().commandLine().orElse("").contains("Argon2Worker")))
          .isEmpty();
    }
  }

  @Test
  void shouldStopTheProcessWhenClosed() throws Exception {
    HashingProcess process = HashingProcess.start(settings(1024, 0));
    ProcessHandle child = ProcessHandle.of(await(process::pid)).orElseThrow();

    process.close();

    child.onExit().get(30, TimeUnit.SECONDS);
    assertThat(child.isAlive()).isFalse();
    assertThat(process.pid()).isEmpty();
  }

  @Test
  void shouldHashInThisJvmWhenNoProcessCanRun() throws Exception {
    HashingProcess.Launch noJava =
        new HashingProcess.Launch(
            Optional.of(Path.of("/nonexistent-jdk")),
            Duration.ofSeconds(30),
            Duration.ofSeconds(120));
    try (HashingProcess process = HashingProcess.start(settings(1024, 0), noJava)) {
      Thread.sleep(500);
      assertThat(process.pid()).isEmpty();
      assertThat(process.hash(PASSWORD.clone(), SALT, 1024, 1, 1, 32)).isEmpty();
    }
    PasswordHasher hasher =
        new PasswordHasher(
            PasswordHasherTest.config(
                PasswordHasherTest.cost(1024, 1, 1, 1, 4, 0, AuthConfig.Isolation.PROCESS)));
    try {
      String hash = hasher.hash("a password hashed before the process is up");
      assertThat(hasher.verify("a password hashed before the process is up", hash)).isTrue();
      await(hasher::hashingProcessId);
      assertThat(hasher.verify("a password hashed before the process is up", hash)).isTrue();
      assertThat(hasher.verify("a password hashed before the process is uP", hash)).isFalse();
    } finally {
      hasher.shutdown();
    }
  }

  @Test
  void shouldPaceItsWorkersAtTheBusyShareItWasGiven() throws Exception {
    HashingProcess.Settings paced =
        new HashingProcess.Settings(1, 8192, 2, 1, 0, false, 0.01, Duration.ZERO);
    try (HashingProcess process = HashingProcess.start(paced)) {
      await(process::pid);
      byte[] expected = new Argon2id(0).hash(PASSWORD, SALT, 8192, 2, 1, 32);
      long fastest = Long.MAX_VALUE;
      for (int i = 0; i < 3; i++) {
        long start = System.nanoTime();
        new Argon2id(0).hash(PASSWORD, SALT, 8192, 2, 1, 32);
        fastest = Math.min(fastest, System.nanoTime() - start);
      }

      long start = System.nanoTime();
      assertThat(process.hash(PASSWORD.clone(), SALT, 8192, 2, 1, 32))
          .hasValueSatisfying(tag -> assertThat(tag).isEqualTo(expected));
      long took = System.nanoTime() - start;

      // at 0.01 and no burst each of the 8 segments is followed by a rest 99 times as long; 10
      // times this JVM's fastest hash leaves room for a faster child. Unpaced: ~1.
      assertThat(took).isGreaterThanOrEqualTo(10 * fastest);
    }
  }

  private static HashingProcess.Settings settings(int memoryKib, int niceness) {
    return new HashingProcess.Settings(2, memoryKib, 1, 1, niceness, false, 1, Duration.ZERO);
  }

  /** This JVM's java with these timeouts. */
  private static HashingProcess.Launch launch(Duration answer, Duration ready) {
    return new HashingProcess.Launch(HashingProcess.Launch.defaults().javaHome(), answer, ready);
  }

  /** The process answers a 1 MiB hash of t passes with the tag this JVM computes. */
  private static void assertAnswersAsThisJvm(HashingProcess process, int iterations) {
    assertThat(process.hash(PASSWORD.clone(), SALT, 1024, iterations, 1, 32))
        .hasValueSatisfying(
            tag ->
                assertThat(tag)
                    .isEqualTo(new Argon2id(0).hash(PASSWORD, SALT, 1024, iterations, 1, 32)));
  }

  /** Polls until present: the process starts in the background (a JVM and a warm-up). */
  private static long await(Supplier<Optional<Long>> pid) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      Optional<Long> value = pid.get();
      if (value.isPresent()) {
        return value.get();
      }
      Thread.sleep(50);
    }
    throw new AssertionError("no hashing process within 60 s");
  }

  /** A process's niceness as the kernel reports it (field 19 of proc(5)). */
  private static int niceness(long pid) throws Exception {
    String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
    return Integer.parseInt(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[16]);
  }
}
