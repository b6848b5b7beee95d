package io.switchboard.model.voice.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.switchboard.defaults.security.Roles;
import io.switchboard.model.voice.service.Transcriber;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Speech to text. */
@Path("/api/voice/transcribe")
@Tag(name = "Voice")
@Produces(MediaType.APPLICATION_JSON)
public class VoiceResource {

  @Schema(name = "TranscribeRequest")
  public record TranscribeRequest(
      @Schema(description = "The audio, base64 (wav, mp3, ogg, webm, flac or m4a)") @NotBlank String audio,
      @Schema(description = "Informative only: the format is read from the bytes") @Size(max = 100) String mimeType,
      @Schema(description = "ISO-639-1, e.g. en") @Pattern(regexp = "[a-z]{2,3}(-[A-Za-z]{2})?")
          String language) {}

  @Schema(name = "Transcript")
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record TranscriptView(String text, String language, Long durationMs, String model) {}

  private final Transcriber transcriber;

  public VoiceResource(Transcriber transcriber) {
    this.transcriber = transcriber;
  }

  @POST
  @RolesAllowed(Roles.USER)
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Transcribe audio",
      description =
          "400 invalid_base64; 415 unsupported_audio_format; 413 audio_too_large (over"
              + " switchboard.voice.max-bytes decoded, 25 MiB); 503 transcription_unavailable when"
              + " no speech-to-text server is configured; 502 transcription_failed when it fails.")
  public TranscriptView transcribe(@Valid @NotNull TranscribeRequest request) {
    Transcriber.Transcript t = transcriber.transcribe(request.audio(), request.language());
    return new TranscriptView(t.text(), t.language(), t.durationMs(), t.model());
  }
}
