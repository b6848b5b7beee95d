package io.switchboard.auth.account.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The request and response bodies of {@code /api/auth}. */
public final class AuthDtos {

  private AuthDtos() {}

  @Schema(name = "RegisterRequest")
  public record RegisterRequest(
      @NotNull @Pattern(
              regexp = "[a-z0-9_.-]{3,32}",
              message = "must be 3 to 32 characters: lowercase letters, digits, '_', '.' or '-'")
          String username,
      @NotBlank @Email @Size(max = 254) String email,
      @NotNull @Size(min = 8, max = 128, message = "must be 8 to 128 characters") String password,
      @Size(max = 100) String displayName) {}

  @Schema(name = "LoginRequest")
  public record LoginRequest(
      @NotBlank @Size(max = 254) String username,
      @NotNull @Size(max = 128) String password,
      @Size(max = 20) String totpCode) {}

  @Schema(name = "Passkey")
  public record PasskeyView(UUID id, String name, Instant createdAt, Instant lastUsedAt) {}

  @Schema(name = "LinkedChannel")
  public record LinkedChannelView(
      String channelType, String channelUserId, String channelUserName, Instant linkedAt) {}

  @Schema(name = "User")
  @JsonInclude(JsonInclude.Include.ALWAYS)
  public record UserView(
      UUID id,
      String username,
      String email,
      String displayName,
      Set<String> roles,
      boolean totpEnabled,
      List<PasskeyView> passkeys,
      List<LinkedChannelView> linkedChannels,
      Instant createdAt) {}

  @Schema(name = "Registration")
  public record RegisterResponse(UserView user, String token, Instant expiresAt) {}

  @Schema(name = "Login")
  public record LoginResponse(String token, Instant expiresAt, UserView user) {}
}
