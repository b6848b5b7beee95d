package io.switchboard.skill.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Approvals of tool calls whose permission is {@code ask}. */
@ConfigMapping(prefix = "switchboard.approvals")
public interface ApprovalConfig {

  /** A pending approval not answered within this is expired (= denied). */
  @WithDefault("15m")
  Duration ttl();

  /** How often pending approvals past their expiry are closed. */
  @WithDefault("30s")
  Duration expiryInterval();
}
