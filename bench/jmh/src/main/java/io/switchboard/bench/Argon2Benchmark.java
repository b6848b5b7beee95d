package io.switchboard.bench;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Argon2id at the platform's parameters (m=19456 KiB, t=2, p=1, 32-byte hash, 16-byte salt), the
 * same BouncyCastle call as auth-service's PasswordHasher: one hash = one login's work.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Thread)
public class Argon2Benchmark {

  static final int MEMORY_KIB = 19456;
  static final int ITERATIONS = 2;
  static final int PARALLELISM = 1;
  static final int SALT_BYTES = 16;
  static final int HASH_BYTES = 32;

  private final SecureRandom random = new SecureRandom();
  private final char[] password = "correct horse battery staple".toCharArray();

  /** One thread: the per-core figure. */
  @Benchmark
  @Threads(1)
  public byte[] hash1Thread() {
    return hash();
  }

  /** Two threads on the 2-core machine: whether two cores really give twice (memory bandwidth). */
  @Benchmark
  @Threads(2)
  public byte[] hash2Threads() {
    return hash();
  }

  private byte[] hash() {
    byte[] salt = new byte[SALT_BYTES];
    random.nextBytes(salt);
    return argon2(password, salt, MEMORY_KIB, ITERATIONS, PARALLELISM);
  }

  /** Mirrors PasswordHasher.argon2. */
  static byte[] argon2(
      char[] password, byte[] salt, int memoryKib, int iterations, int parallelism) {
    Argon2BytesGenerator generator = new Argon2BytesGenerator();
    generator.init(
        new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
            .withVersion(Argon2Parameters.ARGON2_VERSION_13)
            .withSalt(salt)
            .withMemoryAsKB(memoryKib)
            .withIterations(iterations)
            .withParallelism(parallelism)
            .build());
    byte[] hash = new byte[HASH_BYTES];
    generator.generateBytes(new String(password).getBytes(StandardCharsets.UTF_8), hash);
    return hash;
  }
}
