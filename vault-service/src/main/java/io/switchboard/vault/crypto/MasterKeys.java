package io.switchboard.vault.crypto;

import io.quarkus.runtime.Startup;
import io.switchboard.defaults.security.SecretFiles;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The vault's {@link EnvelopeCipher}, built at start-up from the configured master keys, or from
 * {@code <data-dir>/vault/master-key-1}, generated once (owner-only) when nothing is configured and
 * generation is allowed. Without any master key the service does not start.
 */
@Startup
@ApplicationScoped
public class MasterKeys {

  private static final Logger LOG = Logger.getLogger(MasterKeys.class);

  private final EnvelopeCipher cipher;

  public MasterKeys(
      VaultConfig config, @ConfigProperty(name = "switchboard.data-dir") Path dataDir) {
    Map<Integer, byte[]> keys = new HashMap<>();
    config.masterKeys().forEach((version, base64) -> keys.put(version, decode(version, base64)));
    if (keys.isEmpty()) {
      keys.put(1, fromFile(dataDir.resolve("vault").resolve("master-key-1"), config));
    }
    int active = config.activeMasterKeyVersion().orElse(Collections.max(keys.keySet()));
    this.cipher = new EnvelopeCipher(keys, active, config.minMasterKeyVersion());
    LOG.infof(
        "Vault master key version %d active; %d version(s) loaded, minimum %d",
        active, keys.size(), config.minMasterKeyVersion());
  }

  public EnvelopeCipher cipher() {
    return cipher;
  }

  private static byte[] decode(int version, String base64) {
    try {
      return Base64.getDecoder().decode(base64.trim());
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException(
          "switchboard.vault.master-keys." + version + " is not base64");
    }
  }

  private static byte[] fromFile(Path file, VaultConfig config) {
    try {
      if (Files.exists(file)) {
        return decode(1, Files.readString(file, StandardCharsets.US_ASCII));
      }
      if (!config.generateMasterKeyIfMissing()) {
        throw new IllegalStateException(
            "No vault master key: set switchboard.vault.master-keys.<version> or provide " + file);
      }
      byte[] key = new byte[32];
      new SecureRandom().nextBytes(key);
      SecretFiles.writeOwnerOnly(file, Base64.getEncoder().encodeToString(key));
      LOG.infof("Generated vault master key version 1 into %s", file);
      return key;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read or write the vault master key " + file, e);
    }
  }
}
