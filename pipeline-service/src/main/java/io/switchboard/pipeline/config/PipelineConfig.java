package io.switchboard.pipeline.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How runs are executed. */
@ConfigMapping(prefix = "switchboard.pipeline")
public interface PipelineConfig {

  /** Whether this replica executes runs (every replica may: runs are claimed with a lease). */
  @WithDefault("true")
  boolean executorEnabled();

  /** Pause between two looks for due runs. */
  @WithDefault("PT0.5S")
  Duration pollInterval();

  /** Runs claimed per look. */
  @WithDefault("10")
  int batchSize();

  /** How long a claim lasts; a replica that dies mid-step loses its runs to others after it. */
  @WithDefault("PT60S")
  Duration lease();

  /** First pause between two status polls of an agent stage; doubles up to agentPollMax. */
  @WithDefault("PT1S")
  Duration agentPollMin();

  @WithDefault("PT15S")
  Duration agentPollMax();

  /** Pause before the first retry of a failed stage; doubles per attempt up to retryBackoffMax. */
  @WithDefault("PT2S")
  Duration retryBackoff();

  @WithDefault("PT5M")
  Duration retryBackoffMax();
}
