package io.switchboard.auth.totp.service;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.OptionalLong;

/**
 * Decides whether a code is acceptable now: it must be the code of the current step or of one
 * within the allowed skew, and of a step later than the last one accepted (so a code, or any code
 * of an earlier step, works once).
 */
public final class TotpVerifier {

  private final TotpGenerator generator;
  private final int skewSteps;
  private final Clock clock;

  public TotpVerifier(TotpGenerator generator, int skewSteps, Clock clock) {
    if (skewSteps < 0) {
      throw new IllegalArgumentException("The skew cannot be negative");
    }
    this.generator = generator;
    this.skewSteps = skewSteps;
    this.clock = clock;
  }

  public TotpGenerator generator() {
    return generator;
  }

  /**
   * The step whose code {@code code} is, when it is acceptable now; empty otherwise.
   *
   * @param lastUsedStep the step of the last accepted code, or {@code null} when there was none
   */
  public OptionalLong acceptedStep(byte[] key, String code, Long lastUsedStep) {
    if (!isWellFormed(code)) {
      return OptionalLong.empty();
    }
    byte[] given = code.getBytes(StandardCharsets.US_ASCII);
    long now = generator.stepAt(clock.instant().getEpochSecond());
    for (long step = now - skewSteps; step <= now + skewSteps; step++) {
      if (lastUsedStep != null && step <= lastUsedStep) {
        continue;
      }
      byte[] expected = generator.code(key, step).getBytes(StandardCharsets.US_ASCII);
      if (MessageDigest.isEqual(expected, given)) {
        return OptionalLong.of(step);
      }
    }
    return OptionalLong.empty();
  }

  /** Whether a (normalised) code has the shape of a TOTP code: exactly the configured digits. */
  public boolean isWellFormed(String code) {
    if (code.length() != generator.digits()) {
      return false;
    }
    for (int i = 0; i < code.length(); i++) {
      char c = code.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }
}
