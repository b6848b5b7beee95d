package io.switchboard.auth.link.service;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Channel link codes: how long a code lives and how many wrong ones a user may type. */
@ConfigMapping(prefix = "switchboard.auth.link")
public interface LinkConfig {

  /** How long a code can be redeemed after it was issued. */
  @WithDefault("PT5M")
  Duration codeLifetime();

  /**
   * Wrong codes one user may type within the throttle window ({@code
   * switchboard.auth.throttle.window}) before further attempts get 429 for that window.
   */
  @WithDefault("10")
  int maxFailures();
}
