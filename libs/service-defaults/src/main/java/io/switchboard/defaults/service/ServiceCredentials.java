package io.switchboard.defaults.service;

import io.switchboard.defaults.security.SecretFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

/**
 * This service's own client secret for {@code POST /internal/service-tokens}: configured ({@code
 * switchboard.service.secret}, a Kubernetes Secret), or read from {@code
 * <data-dir>/service-secrets/<name>}, generated there once when allowed (dev and the local stack,
 * where auth-service reads the same directory).
 */
public record ServiceCredentials(String name, String secret) {

  /** 256 random bits, URL-safe base64: far beyond guessing, so no throttling is needed. */
  public static String newSecret() {
    byte[] bytes = new byte[32];
    new SecureRandom().nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  public static ServiceCredentials loadFor(
      String name, Optional<String> configured, Path secretFile, boolean generate) {
    if (configured.isPresent() && !configured.get().isBlank()) {
      return new ServiceCredentials(name, configured.get().strip());
    }
    try {
      if (Files.isRegularFile(secretFile)) {
        return new ServiceCredentials(
            name, Files.readString(secretFile, StandardCharsets.US_ASCII).strip());
      }
      if (!generate) {
        throw new IllegalStateException(
            "No service secret for "
                + name
                + ": set switchboard.service.secret or provide "
                + secretFile);
      }
      String secret = newSecret();
      SecretFiles.writeOwnerOnly(secretFile, secret);
      // Another replica sharing the directory may have won the race: whatever is on disk counts.
      return new ServiceCredentials(
          name, Files.readString(secretFile, StandardCharsets.US_ASCII).strip());
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read or create the service secret " + secretFile, e);
    }
  }

  @Override
  public String toString() {
    return "ServiceCredentials[name=" + name + ", secret=<hidden>]";
  }
}
