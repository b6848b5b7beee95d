package io.switchboard.auth.passkey.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.auth.account.rest.AuthDtos.PasskeyView;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The request and response bodies of {@code /api/auth/passkey}; binary values are base64url. */
public final class PasskeyDtos {

  private PasskeyDtos() {}

  @Schema(name = "PasskeyRelyingParty")
  public record RelyingParty(String id, String name) {}

  @Schema(name = "PasskeyUserEntity")
  public record UserEntity(String id, String name, String displayName) {}

  @Schema(name = "PasskeyCredentialParameters")
  public record CredentialParameters(String type, int alg) {}

  @Schema(name = "PasskeyCredentialDescriptor")
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record CredentialDescriptor(String type, String id, List<String> transports) {}

  @Schema(name = "PasskeyAuthenticatorSelection")
  public record AuthenticatorSelection(String residentKey, String userVerification) {}

  @Schema(
      name = "PasskeyCreationOptions",
      description = "PublicKeyCredentialCreationOptionsJSON, plus the id of its challenge")
  public record CreationOptions(
      UUID challengeId,
      RelyingParty rp,
      UserEntity user,
      String challenge,
      List<CredentialParameters> pubKeyCredParams,
      long timeout,
      List<CredentialDescriptor> excludeCredentials,
      AuthenticatorSelection authenticatorSelection,
      String attestation) {}

  @Schema(
      name = "PasskeyRequestOptions",
      description = "PublicKeyCredentialRequestOptionsJSON, plus the id of its challenge")
  public record RequestOptions(
      UUID challengeId,
      String challenge,
      long timeout,
      String rpId,
      List<CredentialDescriptor> allowCredentials,
      String userVerification) {}

  @Schema(name = "PasskeyRegisterRequest")
  public record RegisterRequest(
      @Schema(description = "From register/options; when absent, the challenge is found by value")
          UUID challengeId,
      @NotNull @Schema(description = "RegistrationResponseJSON") JsonNode credential,
      @Size(max = 100) String name) {}

  @Schema(name = "PasskeyRegistration")
  public record RegisterResponse(PasskeyView passkey) {}

  @Schema(name = "PasskeyAuthenticateOptionsRequest")
  public record AuthenticateOptionsRequest(@Size(max = 254) String username) {}

  @Schema(name = "PasskeyAuthenticateRequest")
  public record AuthenticateRequest(
      @NotNull UUID challengeId,
      @NotNull @Schema(description = "AuthenticationResponseJSON") JsonNode credential) {}
}
