package io.switchboard.vault.crypto;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** Master keys (key-encryption keys) and rotation settings of the vault. */
@ConfigMapping(prefix = "switchboard.vault")
public interface VaultConfig {

  /** {@code switchboard.vault.master-keys.<version>=<base64 of 32 bytes>}; a Secret in prod. */
  Map<Integer, String> masterKeys();

  /** The master key new data keys are wrapped with; the highest configured version when unset. */
  Optional<Integer> activeMasterKeyVersion();

  /** Data keys wrapped by an older master-key version refuse to decrypt. */
  @WithDefault("1")
  int minMasterKeyVersion();

  /** With no master key configured: generate version 1 once into the data directory. */
  @WithDefault("true")
  boolean generateMasterKeyIfMissing();

  /** How long the previous value of a rotated credential stays readable for in-flight users. */
  @WithDefault("PT1H")
  Duration rotationGrace();

  /** How often previous values past their rotation grace are destroyed. */
  @WithDefault("PT1M")
  Duration purgeInterval();
}
