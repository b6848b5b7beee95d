package io.switchboard.model.voice;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.switchboard.model.Api;
import io.switchboard.model.testing.Upstreams;
import io.switchboard.testing.SwitchboardTestResource;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(SwitchboardTestResource.class)
class VoiceTest {

  private static final AtomicReference<byte[]> RECEIVED = new AtomicReference<>();
  private static final AtomicReference<String> CONTENT_TYPE = new AtomicReference<>();

  @BeforeAll
  static void sttServer() {
    RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    Upstreams.on(
        "/stt/v1/audio/transcriptions",
        ex -> {
          CONTENT_TYPE.set(ex.getRequestHeaders().getFirst("Content-Type"));
          RECEIVED.set(ex.getRequestBody().readAllBytes());
          Upstreams.reply(ex, 200, "{\"text\":\"hello from the tone\"}");
        });
  }

  private static ValidatableResponse transcribe(Map<String, Object> body) {
    return given()
        .auth()
        .oauth2(Api.user())
        .contentType(ContentType.JSON)
        .body(body)
        .post("/api/voice/transcribe")
        .then();
  }

  @Test
  void shouldForwardAGeneratedWavAsMultipartAndReturnTheText() {
    byte[] wav = Wav.tone(500);

    transcribe(Map.of("audio", Base64.getEncoder().encodeToString(wav), "language", "en"))
        .statusCode(200)
        .body("text", equalTo("hello from the tone"))
        .body("language", equalTo("en"))
        .body("durationMs", equalTo(500))
        .body("model", equalTo("whisper-1"));

    assertThat(CONTENT_TYPE.get()).startsWith("multipart/form-data; boundary=");
    String boundary = CONTENT_TYPE.get().substring(CONTENT_TYPE.get().indexOf("boundary=") + 9);
    String body = new String(RECEIVED.get(), StandardCharsets.ISO_8859_1);
    assertThat(body)
        .contains(
            "--"
                + boundary
                + "\r\nContent-Disposition: form-data; name=\"model\"\r\n\r\nwhisper-1\r\n");
    assertThat(body).contains("name=\"language\"\r\n\r\nen\r\n");
    assertThat(body)
        .contains("name=\"file\"; filename=\"audio.wav\"\r\nContent-Type: audio/wav\r\n\r\n");
    assertThat(body).endsWith("\r\n--" + boundary + "--\r\n");
    int start =
        body.indexOf("Content-Type: audio/wav\r\n\r\n")
            + "Content-Type: audio/wav\r\n\r\n".length();
    byte[] file = Arrays.copyOfRange(RECEIVED.get(), start, start + wav.length);
    assertThat(file).isEqualTo(wav);
  }

  @Test
  void shouldRecogniseFormatsByTheirBytes() {
    byte[] flac = new byte[64];
    System.arraycopy("fLaC".getBytes(StandardCharsets.US_ASCII), 0, flac, 0, 4);

    transcribe(Map.of("audio", Base64.getEncoder().encodeToString(flac), "mimeType", "audio/wav"))
        .statusCode(200);

    assertThat(new String(RECEIVED.get(), StandardCharsets.ISO_8859_1))
        .contains("filename=\"audio.flac\"\r\nContent-Type: audio/flac");
  }

  @Test
  void shouldRefuseBadBase64() {
    transcribe(Map.of("audio", "not base64 at all!!!"))
        .statusCode(400)
        .body("code", equalTo("invalid_base64"));
  }

  @Test
  void shouldRefuseAnUnknownFormatWith415() {
    transcribe(
            Map.of(
                "audio",
                Base64.getEncoder().encodeToString("just some plain text, not audio".getBytes())))
        .statusCode(415)
        .body("code", equalTo("unsupported_audio_format"));
  }

  @Test
  void shouldRefuseAudioOver25MibDecodedWith413() {
    byte[] big = new byte[25 * 1024 * 1024 + 16];
    byte[] wav = Wav.tone(10);
    System.arraycopy(wav, 0, big, 0, wav.length);
    Map<String, Object> body = new HashMap<>();
    body.put("audio", Base64.getEncoder().encodeToString(big));

    transcribe(body).statusCode(413).body("code", equalTo("audio_too_large"));
  }

  @Test
  void shouldRequireAUserToken() {
    given()
        .contentType(ContentType.JSON)
        .body(Map.of("audio", "AAAA"))
        .post("/api/voice/transcribe")
        .then()
        .statusCode(401);
  }
}
