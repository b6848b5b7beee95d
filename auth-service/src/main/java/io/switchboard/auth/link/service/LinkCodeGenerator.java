package io.switchboard.auth.link.service;

import jakarta.enterprise.context.ApplicationScoped;
import java.security.SecureRandom;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Draws link codes: {@value #LENGTH} characters from {@value #ALPHABET}, an alphabet without the
 * look-alikes 0/O and 1/I, so a code read off a chat message is typed correctly. 32 symbols give 30
 * bits per code; guessing is bounded by the per-user throttle and the short lifetime.
 */
@ApplicationScoped
public class LinkCodeGenerator {

  public static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
  public static final int LENGTH = 6;

  private static final Pattern FORMAT = Pattern.compile("[" + ALPHABET + "]{" + LENGTH + "}");

  private final SecureRandom random = new SecureRandom();

  /** A fresh random code. */
  public String next() {
    char[] code = new char[LENGTH];
    for (int i = 0; i < LENGTH; i++) {
      code[i] = ALPHABET.charAt(random.nextInt(ALPHABET.length()));
    }
    return new String(code);
  }

  /**
   * What a user typed, in the stored form (trimmed, upper case), or empty when it cannot be a code
   * at all.
   */
  public static Optional<String> normalize(String typed) {
    if (typed == null) {
      return Optional.empty();
    }
    String code = typed.trim().toUpperCase(Locale.ROOT);
    return FORMAT.matcher(code).matches() ? Optional.of(code) : Optional.empty();
  }
}
