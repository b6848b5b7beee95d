package io.switchboard.auth.totp.service;

import io.switchboard.auth.totp.TotpConfig;
import io.switchboard.defaults.security.SecretFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.jboss.logging.Logger;

/**
 * Finds the AES key of the TOTP secrets: the configured one (a Kubernetes Secret in production), or
 * the data directory's key file, generated once when missing and generation is allowed (dev and the
 * local stack), beside the token signing key. A missing key that may not be generated stops the
 * service: secrets sealed with a throwaway key would be lost at the next start.
 */
public final class TotpKeys {

  private static final Logger LOG = Logger.getLogger(TotpKeys.class);
  private static final int KEY_BYTES = 32;

  private TotpKeys() {}

  public static SecretKey load(TotpConfig config) {
    if (config.encryptionKey().isPresent()) {
      return parse(config.encryptionKey().get(), "switchboard.auth.totp.encryption-key");
    }
    Path file = config.keyFile();
    if (Files.exists(file)) {
      try {
        return parse(Files.readString(file, StandardCharsets.US_ASCII), file.toString());
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot read the TOTP key " + file, e);
      }
    }
    if (!config.generateKeyIfMissing()) {
      throw new IllegalStateException(
          "No TOTP key: set switchboard.auth.totp.encryption-key or provide " + file);
    }
    return generate(file);
  }

  static SecretKey parse(String base64, String source) {
    byte[] key;
    try {
      key = Base64.getDecoder().decode(base64.trim());
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException(source + " is not base64", e);
    }
    if (key.length != KEY_BYTES) {
      throw new IllegalStateException(source + " must hold 32 bytes, not " + key.length);
    }
    return new SecretKeySpec(key, "AES");
  }

  private static SecretKey generate(Path file) {
    byte[] key = new byte[KEY_BYTES];
    new SecureRandom().nextBytes(key);
    try {
      SecretFiles.writeOwnerOnly(file, Base64.getEncoder().encodeToString(key) + "\n");
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write the TOTP key " + file, e);
    }
    LOG.infof("Generated a new TOTP encryption key in %s", file);
    return new SecretKeySpec(key, "AES");
  }
}
