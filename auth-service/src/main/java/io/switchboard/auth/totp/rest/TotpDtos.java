package io.switchboard.auth.totp.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The request and response bodies of {@code /api/auth/totp}. */
public final class TotpDtos {

  private TotpDtos() {}

  @Schema(name = "TotpCodeRequest")
  public record CodeRequest(
      @Schema(description = "A current TOTP code (disable and login also take a recovery code)")
          @NotBlank @Size(max = 20) String code) {}

  @Schema(name = "TotpSetup")
  public record SetupResponse(
      @Schema(description = "The shared secret, base32 without padding") String secret,
      @Schema(description = "otpauth://totp/... for authenticator apps") String otpauthUrl,
      @Schema(description = "The otpauth URL as a QR code: data:image/png;base64,...")
          String qrCode) {}

  @Schema(name = "TotpEnabled")
  public record EnableResponse(
      boolean enabled,
      @Schema(description = "10 one-time recovery codes, shown only now")
          List<String> recoveryCodes) {}

  @Schema(name = "TotpDisabled")
  public record DisableResponse(boolean enabled) {}

  @Schema(name = "TotpVerified")
  public record VerifyResponse(boolean valid) {}
}
