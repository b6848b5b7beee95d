package io.switchboard.auth.totp.rest;

import io.switchboard.auth.totp.rest.TotpDtos.CodeRequest;
import io.switchboard.auth.totp.rest.TotpDtos.DisableResponse;
import io.switchboard.auth.totp.rest.TotpDtos.EnableResponse;
import io.switchboard.auth.totp.rest.TotpDtos.SetupResponse;
import io.switchboard.auth.totp.rest.TotpDtos.VerifyResponse;
import io.switchboard.auth.totp.service.TotpService;
import io.switchboard.defaults.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** TOTP (RFC 6238) as the signed-in account's second factor. {@code setup} takes no body. */
@Path("/api/auth/totp")
@Tag(name = "Auth")
@RolesAllowed(Roles.USER)
@Produces(MediaType.APPLICATION_JSON)
public class TotpResource {

  private final TotpService totp;
  private final JsonWebToken jwt;

  public TotpResource(TotpService totp, JsonWebToken jwt) {
    this.totp = totp;
    this.jwt = jwt;
  }

  @POST
  @Path("/setup")
  @Operation(
      summary =
          "Start TOTP setup: a new secret, its otpauth URL and QR code (inactive until enabled)")
  public SetupResponse setup() {
    return totp.setup(userId());
  }

  @POST
  @Path("/enable")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(summary = "Enable TOTP with a code of the pending secret; answers 10 recovery codes")
  public EnableResponse enable(@Valid @NotNull CodeRequest request) {
    return new EnableResponse(true, totp.enable(userId(), request.code()));
  }

  @POST
  @Path("/disable")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(summary = "Disable TOTP with a current code or a recovery code")
  public DisableResponse disable(@Valid @NotNull CodeRequest request) {
    totp.disable(userId(), request.code());
    return new DisableResponse(false);
  }

  @POST
  @Path("/verify")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(summary = "Check a current TOTP code; each code is accepted once")
  public VerifyResponse verify(@Valid @NotNull CodeRequest request) {
    totp.verify(userId(), request.code());
    return new VerifyResponse(true);
  }

  private UUID userId() {
    return UUID.fromString(jwt.getSubject());
  }
}
