package io.switchboard.bench;

import java.security.KeyPair;
import java.util.concurrent.TimeUnit;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Access-token signing (smallrye-jwt-build, as auth-service's TokenIssuer) and verification
 * (jose4j JwtConsumer, what smallrye-jwt's parser runs underneath) for RS256 (2048-bit) and ES256
 * (P-256), one thread: per-core figures.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@Threads(1)
@State(Scope.Benchmark)
public class TokenBenchmark {

  @Param({"RS256", "ES256"})
  public String alg;

  private KeyPair keys;
  private String token;
  private JwtConsumer consumer;

  @Setup
  public void setUp() throws Exception {
    keys = Tokens.keyPair(alg);
    token = Tokens.sign(alg, keys);
    consumer = Tokens.consumer(alg, keys);
    Tokens.verify(consumer, token);
  }

  @Benchmark
  public String sign() {
    return Tokens.sign(alg, keys);
  }

  @Benchmark
  public JwtClaims verify() throws Exception {
    return Tokens.verify(consumer, token);
  }
}
