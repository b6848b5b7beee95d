package io.switchboard.auth.totp.service;

import io.switchboard.auth.totp.TotpAlgorithm;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Computes TOTP codes (RFC 6238): HOTP (RFC 4226) of the number of whole periods since the epoch.
 */
public final class TotpGenerator {

  private static final int[] POWERS_OF_TEN = {
    1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000
  };

  private final TotpAlgorithm algorithm;
  private final int digits;
  private final long periodSeconds;

  public TotpGenerator(TotpAlgorithm algorithm, int digits, long periodSeconds) {
    if (digits < 6 || digits > 8) {
      throw new IllegalArgumentException("TOTP codes have 6 to 8 digits, not " + digits);
    }
    if (periodSeconds < 1) {
      throw new IllegalArgumentException("The TOTP period must be at least a second");
    }
    this.algorithm = algorithm;
    this.digits = digits;
    this.periodSeconds = periodSeconds;
  }

  public TotpAlgorithm algorithm() {
    return algorithm;
  }

  public int digits() {
    return digits;
  }

  public long periodSeconds() {
    return periodSeconds;
  }

  /** The time step that contains an instant, given in seconds since the epoch. */
  public long stepAt(long epochSecond) {
    return Math.floorDiv(epochSecond, periodSeconds);
  }

  /** The code of a time step, zero-padded to the configured number of digits. */
  public String code(byte[] key, long step) {
    byte[] hash = hmac(key, ByteBuffer.allocate(Long.BYTES).putLong(step).array());
    int offset = hash[hash.length - 1] & 0x0f;
    int binary =
        ((hash[offset] & 0x7f) << 24)
            | ((hash[offset + 1] & 0xff) << 16)
            | ((hash[offset + 2] & 0xff) << 8)
            | (hash[offset + 3] & 0xff);
    String code = Integer.toString(binary % POWERS_OF_TEN[digits]);
    return "0".repeat(digits - code.length()) + code;
  }

  private byte[] hmac(byte[] key, byte[] message) {
    try {
      Mac mac = Mac.getInstance(algorithm.mac());
      mac.init(new SecretKeySpec(key, algorithm.mac()));
      return mac.doFinal(message);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(algorithm.mac() + " is not available", e);
    }
  }
}
