package io.switchboard.auth.password;

import io.switchboard.defaults.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * What a new password must be: 8 to 128 characters (checked on the request), not one of the most
 * common leaked passwords shipped in {@code passwords/common.txt}, and not the username or e-mail.
 */
@ApplicationScoped
public class PasswordPolicy {

  private static final String LIST = "passwords/common.txt";

  private final Set<String> common;

  public PasswordPolicy() {
    this.common = load();
  }

  /** Throws a 400 {@code validation_failed} on {@code password} when it is too easy to guess. */
  public void check(String password, String username, String email) {
    String lower = password.toLowerCase(Locale.ROOT);
    if (common.contains(lower)) {
      throw ProblemException.validation(
          "password", "is one of the most common passwords; choose another");
    }
    if (lower.equals(username.toLowerCase(Locale.ROOT))
        || lower.equals(email.toLowerCase(Locale.ROOT))) {
      throw ProblemException.validation("password", "must not be your username or e-mail");
    }
  }

  int size() {
    return common.size();
  }

  private static Set<String> load() {
    Set<String> passwords = new HashSet<>();
    try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(LIST);
        BufferedReader reader =
            new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      String line;
      while ((line = reader.readLine()) != null) {
        String trimmed = line.trim();
        if (!trimmed.isEmpty() && !trimmed.startsWith("#")) {
          passwords.add(trimmed.toLowerCase(Locale.ROOT));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + LIST, e);
    }
    return Set.copyOf(passwords);
  }
}
