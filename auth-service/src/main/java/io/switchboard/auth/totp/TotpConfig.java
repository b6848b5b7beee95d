package io.switchboard.auth.totp;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** TOTP parameters and the key that encrypts the secrets at rest. */
@ConfigMapping(prefix = "switchboard.auth.totp")
public interface TotpConfig {

  /** The issuer shown by authenticator apps (the otpauth label prefix and {@code issuer}). */
  @WithDefault("Switchboard")
  String issuer();

  /** HMAC algorithm of the codes: SHA1 (what every app supports), SHA256 or SHA512. */
  @WithDefault("SHA1")
  TotpAlgorithm algorithm();

  /** Digits of a code, 6 to 8. */
  @WithDefault("6")
  int digits();

  /** Length of a time step, in whole seconds. */
  @WithDefault("PT30S")
  Duration period();

  /** Steps of clock skew accepted either side of the current one. */
  @WithDefault("1")
  int skewSteps();

  /**
   * Base64 of the 32-byte AES key that encrypts the secrets (e.g. from a Kubernetes Secret). When
   * absent, the key in {@link #keyFile()} is used instead.
   */
  Optional<String> encryptionKey();

  /** The key file used when no key is configured; created once if missing. */
  @WithDefault("${switchboard.data-dir}/auth/totp-key")
  Path keyFile();

  /** Whether a missing key file may be generated (dev and the local stack). */
  @WithDefault("true")
  boolean generateKeyIfMissing();
}
