package io.switchboard.auth.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Where auth-service's token signing key comes from. */
@ConfigMapping(prefix = "switchboard.auth.signing")
public interface SigningConfig {

  /**
   * PEM (PKCS#8) private RSA key, e.g. mounted from a Kubernetes Secret. When absent, a key is kept
   * in {@link #keyFile()} instead.
   */
  Optional<Path> privateKeyLocation();

  /** The key file used when no key is configured; created once if missing. */
  @WithDefault("${switchboard.data-dir}/auth/signing-key.pem")
  Path keyFile();

  /** Whether a missing key file may be generated (dev and the local stack; off in Kubernetes). */
  @WithDefault("true")
  boolean generateIfMissing();

  /**
   * Retired keys (PKCS#8 PEM) still published in the JWKS, so tokens they signed verify until they
   * expire. Rotation: make a new key the private-key-location, list the old one here, and drop it
   * after one token lifetime.
   */
  Optional<List<Path>> retiredKeyLocations();
}
