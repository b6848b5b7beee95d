package io.switchboard.model.voice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.defaults.problem.ProblemException;
import io.switchboard.model.config.VoiceConfig;
import io.switchboard.model.voice.service.AudioFormat;
import io.switchboard.model.voice.service.Transcriber;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TranscriberTest {

  private static final VoiceConfig UNCONFIGURED =
      new VoiceConfig() {
        public Optional<String> endpoint() {
          return Optional.empty();
        }

        public String model() {
          return "whisper-1";
        }

        public Optional<String> apiKey() {
          return Optional.empty();
        }

        public long maxBytes() {
          return 26_214_400;
        }

        public Duration timeout() {
          return Duration.ofSeconds(5);
        }
      };

  @Test
  void shouldAnswer503WhenNoSpeechProviderIsConfigured() {
    Transcriber t = new Transcriber(UNCONFIGURED, new ObjectMapper());
    String wav = Base64.getEncoder().encodeToString(Wav.tone(100));

    assertThatThrownBy(() -> t.transcribe(wav, null))
        .isInstanceOfSatisfying(
            ProblemException.class,
            e -> {
              assertThat(e.problem().status()).isEqualTo(503);
              assertThat(e.problem().code()).isEqualTo("transcription_unavailable");
            });
  }

  @Test
  void shouldDetectEveryContainerByItsMagicBytes() {
    assertThat(AudioFormat.detect(Wav.tone(10))).contains(AudioFormat.WAV);
    assertThat(AudioFormat.detect(pad("ID3\u0004"))).contains(AudioFormat.MP3);
    assertThat(AudioFormat.detect(pad("\u00ff\u00fb\u0090\u0064"))).contains(AudioFormat.MP3);
    assertThat(AudioFormat.detect(pad("OggS"))).contains(AudioFormat.OGG);
    assertThat(AudioFormat.detect(pad("\u001a\u0045\u00df\u00a3"))).contains(AudioFormat.WEBM);
    assertThat(AudioFormat.detect(pad("fLaC"))).contains(AudioFormat.FLAC);
    assertThat(AudioFormat.detect(pad("\u0000\u0000\u0000\u0020ftypM4A ")))
        .contains(AudioFormat.M4A);
    assertThat(AudioFormat.detect(pad("%PDF-1.7"))).isEmpty();
    assertThat(AudioFormat.wavDurationMs(Wav.tone(250))).contains(250L);
  }

  private static byte[] pad(String head) {
    byte[] b = new byte[32];
    for (int i = 0; i < head.length(); i++) {
      b[i] = (byte) head.charAt(i);
    }
    return b;
  }
}
