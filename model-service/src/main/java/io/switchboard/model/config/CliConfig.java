package io.switchboard.model.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Subscription CLI tools (Claude Code, Codex CLI, Gemini CLI, ...) used as providers. */
@ConfigMapping(prefix = "switchboard.cli")
public interface CliConfig {

  /** Tools by name; a {@code cli} model's {@code modelId} names one. */
  Map<String, Tool> tools();

  /** How long {@code <tool> --version} may take. */
  @WithDefault("5S")
  Duration versionTimeout();

  /** How long one prompt may run. */
  @WithDefault("300S")
  Duration runTimeout();

  /**
   * Whether routing may fall back from an exhausted CLI tool to a paid API model ({@code openai},
   * {@code anthropic}, {@code gemini}); off by default: it falls back to free ones only.
   */
  @WithDefault("false")
  boolean fallbackToPaid();

  interface Tool {
    /** The executable, looked up on {@code PATH} unless it is a path. */
    String command();

    /** Arguments; {@code {prompt}} is replaced by the prompt, else the prompt goes to stdin. */
    @WithDefault("-p,{prompt}")
    List<String> args();

    /** Case-insensitive phrases in the tool's output that mean the quota is used up. */
    @WithDefault("usage limit,quota exceeded,rate limit reached,limit reached")
    List<String> exhaustedPatterns();

    /** Requests a day before the tool is treated as exhausted (none: unlimited). */
    Optional<Integer> dailyRequests();
  }
}
