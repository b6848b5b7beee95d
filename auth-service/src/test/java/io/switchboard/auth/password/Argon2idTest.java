package io.switchboard.auth.password;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Random;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;
import org.junit.jupiter.api.Test;

class Argon2idTest {

  @Test
  void shouldMatchTheReferenceImplementationsKnownAnswer() {
    // argon2 reference implementation (phc-winner-argon2) test vector: Argon2id v=19, t=2,
    // m=65536, p=1, password "password", salt "somesalt".
    byte[] tag = new Argon2id(65536).hash(bytes("password"), bytes("somesalt"), 65536, 2, 1, 32);

    assertThat(HexFormat.of().formatHex(tag))
        .isEqualTo("09316115d5cf24ed5a15a31a3ba326e5cf32edc24702987c02b6566f61913cf7");
  }

  @Test
  void shouldComputeTheSameTagWhenPaced() {
    byte[] unpaced = new Argon2id(1024).hash(bytes("password"), bytes("somesalt"), 1024, 2, 1, 32);

    byte[] paced =
        new Argon2id(1024)
            .hash(
                bytes("password"),
                bytes("somesalt"),
                1024,
                2,
                1,
                32,
                new Pacer(0.5, java.time.Duration.ZERO));

    assertThat(paced).isEqualTo(unpaced);
  }

  @Test
  void shouldAgreeWithBouncyCastleAcrossCostsLanesAndTagLengths() {
    Random random = new Random(42);
    Argon2id argon2 = new Argon2id(4096);
    int[][] costs = {
      {8, 1, 1},
      {16, 1, 2},
      {32, 3, 4},
      {100, 2, 1},
      {1024, 1, 1},
      {1024, 2, 3},
      {4096, 2, 1},
      {5000, 1, 1},
      {19456, 2, 1}
    };
    for (int[] cost : costs) {
      for (int tagLength : new int[] {4, 32, 64, 65, 100}) {
        byte[] password = new byte[random.nextInt(40)];
        byte[] salt = new byte[8 + random.nextInt(24)];
        random.nextBytes(password);
        random.nextBytes(salt);

        byte[] ours = argon2.hash(password, salt, cost[0], cost[1], cost[2], tagLength);

        assertThat(ours)
            .as("m=%d t=%d p=%d tag=%d", cost[0], cost[1], cost[2], tagLength)
            .isEqualTo(bouncyCastle(password, salt, cost[0], cost[1], cost[2], tagLength));
      }
    }
  }

  @Test
  void shouldGiveTheSameTagWhenItsMemoryIsReused() {
    Argon2id argon2 = new Argon2id(1024);
    byte[] first = argon2.hash(bytes("one"), bytes("saltsalt"), 1024, 2, 1, 32);
    argon2.hash(bytes("another password"), bytes("othersalt"), 1024, 2, 1, 32);
    argon2.hash(bytes("larger than kept"), bytes("othersalt"), 2048, 1, 1, 32);

    assertThat(argon2.hash(bytes("one"), bytes("saltsalt"), 1024, 2, 1, 32)).isEqualTo(first);
  }

  @Test
  void shouldHashWithoutAllocatingItsMemoryAgain() {
    var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long thread = Thread.currentThread().getId();
    Argon2id argon2 = new Argon2id(19456);
    argon2.hash(bytes("warm"), bytes("saltsalt"), 19456, 1, 1, 32);

    long before = threads.getThreadAllocatedBytes(thread);
    argon2.hash(bytes("correct horse"), bytes("saltsalt"), 19456, 2, 1, 32);
    long allocated = threads.getThreadAllocatedBytes(thread) - before;

    // BouncyCastle's generator allocates the 19 MiB (and 19,456 objects) for every hash.
    assertThat(allocated).isLessThan(256 * 1024);
  }

  @Test
  void shouldRefuseCostsArgon2DoesNotAllow() {
    Argon2id argon2 = new Argon2id(64);
    assertThatThrownBy(() -> argon2.hash(bytes("p"), bytes("saltsalt"), 7, 1, 1, 32))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> argon2.hash(bytes("p"), bytes("saltsalt"), 64, 0, 1, 32))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> argon2.hash(bytes("p"), bytes("saltsalt"), 64, 1, 0, 32))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> argon2.hash(bytes("p"), bytes("short"), 64, 1, 1, 32))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> argon2.hash(bytes("p"), bytes("saltsalt"), 64, 1, 1, 3))
        .isInstanceOf(IllegalArgumentException.class);
  }

  /** What every stored hash so far was made with. */
  static byte[] bouncyCastle(
      byte[] password, byte[] salt, int memoryKib, int iterations, int lanes, int tagLength) {
    Argon2BytesGenerator generator = new Argon2BytesGenerator();
    generator.init(
        new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
            .withVersion(Argon2Parameters.ARGON2_VERSION_13)
            .withSalt(salt)
            .withMemoryAsKB(memoryKib)
            .withIterations(iterations)
            .withParallelism(lanes)
            .build());
    byte[] tag = new byte[tagLength];
    generator.generateBytes(password, tag);
    return tag;
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
