package io.switchboard.model.voice.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.defaults.problem.ProblemException;
import io.switchboard.model.config.VoiceConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.UUID;

/**
 * Speech to text: checks the audio (base64, size, format by its bytes) and forwards it as {@code
 * multipart/form-data} to an OpenAI-compatible {@code /v1/audio/transcriptions}.
 */
@ApplicationScoped
public class Transcriber {

  /** A transcript. */
  public record Transcript(String text, String language, Long durationMs, String model) {}

  private final VoiceConfig config;
  private final ObjectMapper json;
  private final HttpClient http =
      HttpClient.newBuilder()
          .connectTimeout(Duration.ofSeconds(5))
          .version(HttpClient.Version.HTTP_1_1)
          .build();

  public Transcriber(VoiceConfig config, ObjectMapper json) {
    this.config = config;
    this.json = json;
  }

  public Transcript transcribe(String base64, String language) {
    if ((long) base64.length() * 3 / 4 > config.maxBytes() + 3) {
      throw tooLarge();
    }
    byte[] audio;
    try {
      String data = base64.startsWith("data:") ? base64.substring(base64.indexOf(',') + 1) : base64;
      audio = Base64.getDecoder().decode(data.replaceAll("\\s+", ""));
    } catch (IllegalArgumentException e) {
      throw ProblemException.of(
          400, "invalid_base64", "Invalid audio", "audio is not valid base64");
    }
    if (audio.length > config.maxBytes()) {
      throw tooLarge();
    }
    AudioFormat format =
        AudioFormat.detect(audio)
            .orElseThrow(
                () ->
                    ProblemException.of(
                        415,
                        "unsupported_audio_format",
                        "Unsupported audio format",
                        "The audio is not wav, mp3, ogg, webm, flac or m4a"));
    String endpoint =
        config
            .endpoint()
            .filter(e -> !e.isBlank())
            .orElseThrow(
                () ->
                    ProblemException.of(
                        503,
                        "transcription_unavailable",
                        "Transcription unavailable",
                        "No speech-to-text provider is configured (switchboard.voice.endpoint)"));
    JsonNode answer = send(endpoint, audio, format, language);
    Long duration = null;
    if (answer.has("duration")) {
      duration = Math.round(answer.path("duration").asDouble() * 1000);
    } else if (format == AudioFormat.WAV) {
      duration = AudioFormat.wavDurationMs(audio).orElse(null);
    }
    return new Transcript(
        answer.path("text").asText(""),
        answer.path("language").asText(language),
        duration,
        config.model());
  }

  private JsonNode send(String endpoint, byte[] audio, AudioFormat format, String language) {
    String base = endpoint.replaceAll("/+$", "");
    String url = (base.endsWith("/v1") ? base : base + "/v1") + "/audio/transcriptions";
    String boundary = "switchboard-" + UUID.randomUUID();
    ByteArrayOutputStream body = new ByteArrayOutputStream(audio.length + 1024);
    field(body, boundary, "model", config.model());
    if (language != null) {
      field(body, boundary, "language", language);
    }
    field(body, boundary, "response_format", "json");
    write(
        body,
        "--"
            + boundary
            + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"audio."
            + format.extension()
            + "\"\r\nContent-Type: "
            + format.mimeType()
            + "\r\n\r\n");
    body.writeBytes(audio);
    write(body, "\r\n--" + boundary + "--\r\n");
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(url))
            .timeout(config.timeout())
            .header("Content-Type", "multipart/form-data; boundary=" + boundary)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()));
    config.apiKey().ifPresent(k -> request.header("Authorization", "Bearer " + k));
    try {
      HttpResponse<String> r = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() / 100 != 2) {
        throw failed("the speech-to-text server answered HTTP " + r.statusCode());
      }
      return json.readTree(r.body());
    } catch (IOException e) {
      throw failed("the speech-to-text server is unreachable or sent unreadable JSON");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw failed("interrupted");
    }
  }

  private static void field(
      ByteArrayOutputStream body, String boundary, String name, String value) {
    write(
        body,
        "--"
            + boundary
            + "\r\nContent-Disposition: form-data; name=\""
            + name
            + "\"\r\n\r\n"
            + value
            + "\r\n");
  }

  private static void write(ByteArrayOutputStream body, String s) {
    body.writeBytes(s.getBytes(StandardCharsets.UTF_8));
  }

  private ProblemException tooLarge() {
    return ProblemException.of(
        413,
        "audio_too_large",
        "Audio too large",
        "The decoded audio is over " + config.maxBytes() + " bytes");
  }

  private static ProblemException failed(String detail) {
    return ProblemException.of(502, "transcription_failed", "Transcription failed", detail);
  }
}
