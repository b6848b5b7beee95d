package io.switchboard.auth.link.rest;

import io.switchboard.auth.account.rest.AuthDtos.LinkedChannelView;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The request and response bodies of channel linking. */
public final class LinkDtos {

  private LinkDtos() {}

  /** A channel integration asks for a code for one of its users. */
  @Schema(name = "LinkCodeRequest")
  public record LinkCodeRequest(
      @Schema(description = "The integration, e.g. telegram, slack, discord", example = "telegram")
          @NotNull @Pattern(
              regexp = "[a-z][a-z0-9_-]{1,31}",
              message =
                  "must be 2 to 32 characters: a lowercase letter, then lowercase letters,"
                      + " digits, '_' or '-'")
          String channelType,
      @Schema(description = "The user's id on that channel", example = "123456789")
          @NotBlank @Size(max = 128) String channelUserId,
      @Schema(description = "The user's display name on that channel, if any") @Size(max = 128) String channelUserName) {}

  /** A single-use code, to be shown to the channel user. */
  @Schema(name = "LinkCode")
  public record LinkCodeResponse(
      @Schema(description = "6 characters, no 0/O/1/I", example = "K7WQ3M") String code,
      Instant expiresAt) {}

  /** A user redeems a code. */
  @Schema(name = "LinkRequest")
  public record LinkRequest(
      @Schema(description = "The code the channel showed; case-insensitive", example = "K7WQ3M")
          @NotBlank @Size(max = 16) String code) {}

  /** The channel identity now bound to the account. */
  @Schema(name = "Link")
  public record LinkResponse(LinkedChannelView channel) {}
}
