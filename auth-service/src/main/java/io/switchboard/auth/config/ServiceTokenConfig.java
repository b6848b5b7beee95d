package io.switchboard.auth.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;

/** Tokens for service-to-service calls ({@code POST /internal/service-tokens}). */
@ConfigMapping(prefix = "switchboard.auth.service-tokens")
public interface ServiceTokenConfig {

  /** How long a service token lives; services renew theirs a minute before. */
  @WithDefault("PT5M")
  Duration lifetime();

  /**
   * One file per service allowed to ask, named after it, holding its secret (a Kubernetes Secret
   * mounted here, or the local stack's data directory, where each service writes its own).
   */
  @WithDefault("${switchboard.data-dir}/service-secrets")
  Path clientsDir();
}
