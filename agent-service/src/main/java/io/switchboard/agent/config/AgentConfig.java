package io.switchboard.agent.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** The agent runtime's settings ({@code switchboard.agent.*}). */
@ConfigMapping(prefix = "switchboard.agent")
public interface AgentConfig {

  /** Completions per piece of work (one user message) before the loop gives up. */
  @WithDefault("10")
  int maxIterations();

  /** How long an approval waits for the user before it counts as denied. */
  @WithDefault("15M")
  Duration approvalTtl();

  /** How often expired approvals are denied. */
  @WithDefault("30S")
  Duration expiryInterval();

  /** A session's lease; renewed at every step, taken over by another replica once it lapses. */
  @WithDefault("60S")
  Duration leaseDuration();

  /** How often an idle worker looks for claimable work. */
  @WithDefault("500MS")
  Duration pollInterval();

  /** Sessions one replica works on at once. */
  @WithDefault("4")
  int workerThreads();

  /** Whether this replica runs queued work at all (off: API only). */
  @WithDefault("true")
  boolean workerEnabled();

  /** Events kept per agent (the ring). */
  @WithDefault("200")
  int eventRing();
}
