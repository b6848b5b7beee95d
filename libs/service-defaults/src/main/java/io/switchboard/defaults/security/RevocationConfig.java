package io.switchboard.defaults.security;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How this service learns about revoked sessions. */
@ConfigMapping(prefix = "switchboard.revocation")
public interface RevocationConfig {

  /** Whether to follow {@code auth.events} (off only in tests that have no broker). */
  @WithDefault("true")
  boolean enabled();

  /**
   * How far back to replay {@code auth.events} at start-up: at least the longest token lifetime, so
   * a restarted service still refuses every revoked session that has not expired.
   */
  @WithDefault("PT2H")
  Duration replay();
}
