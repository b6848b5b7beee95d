package io.switchboard.skill.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Limits of the built-in {@code http} skill. */
@ConfigMapping(prefix = "switchboard.http-tool")
public interface HttpToolConfig {

  /**
   * When set, only these hosts may be fetched: exact names or {@code *.example.com} (any
   * subdomain). Unset: any host whose addresses are public.
   */
  Optional<List<String>> allowedHosts();

  /**
   * Hosts (as written in the URL) that may resolve to private, loopback, link-local or metadata
   * addresses; every other host that does is refused.
   */
  Optional<List<String>> allowedPrivateHosts();

  /** Bodies are cut after this many bytes ({@code truncated: true}). */
  @WithDefault("524288")
  int maxBytes();

  /** Connect + time to the response headers. */
  @WithDefault("10s")
  Duration timeout();

  @WithDefault("5")
  int maxRedirects();
}
