package io.switchboard.model.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** Speech to text through an OpenAI-compatible {@code /v1/audio/transcriptions}. */
@ConfigMapping(prefix = "switchboard.voice")
public interface VoiceConfig {

  /** Base URL of the server, e.g. {@code https://api.openai.com} (none: 503). */
  Optional<String> endpoint();

  @WithDefault("whisper-1")
  String model();

  /** Its API key, from the environment ({@code SWITCHBOARD_VOICE_API_KEY}); never committed. */
  Optional<String> apiKey();

  /** The largest decoded audio accepted (413 above). */
  @WithDefault("26214400")
  long maxBytes();

  @WithDefault("120S")
  Duration timeout();
}
