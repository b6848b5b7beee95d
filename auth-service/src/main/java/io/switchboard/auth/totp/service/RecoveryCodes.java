package io.switchboard.auth.totp.service;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;

/**
 * One-time recovery codes: 16 characters of Crockford's base32 (80 random bits), shown as {@code
 * xxxx-xxxx-xxxx-xxxx}. Being random rather than chosen, a plain SHA-256 of the normalised code
 * (lower case, no dashes or spaces) is enough to store them.
 */
public final class RecoveryCodes {

  /** How many codes enabling TOTP hands out. */
  public static final int COUNT = 10;

  private static final String ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz";
  private static final int GROUPS = 4;
  private static final int GROUP_LENGTH = 4;

  private RecoveryCodes() {}

  public static List<String> generate(SecureRandom random) {
    return IntStream.range(0, COUNT).mapToObj(i -> one(random)).toList();
  }

  /** The hex SHA-256 of a code as typed, after normalisation. */
  public static String hash(String typed) {
    String normal = typed.replaceAll("[\\s-]", "").toLowerCase(Locale.ROOT);
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(normal.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is always available", e);
    }
  }

  private static String one(SecureRandom random) {
    StringBuilder code = new StringBuilder(GROUPS * (GROUP_LENGTH + 1));
    for (int group = 0; group < GROUPS; group++) {
      if (group > 0) {
        code.append('-');
      }
      for (int i = 0; i < GROUP_LENGTH; i++) {
        code.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
      }
    }
    return code.toString();
  }
}
