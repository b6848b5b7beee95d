package io.switchboard.auth.keycloak.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Bodies of {@code /api/auth/oidc} and {@code /api/admin/identity/keycloak}. */
public final class OidcDtos {

  private OidcDtos() {}

  /** A realm access token to trade for a Switchboard token. */
  @Schema(name = "OidcExchangeRequest")
  public record ExchangeRequest(@NotBlank @Size(max = 8192) String accessToken) {}

  @Schema(name = "KeycloakSyncOutcome")
  public record SyncOutcome(int synced, int failed, long pending) {}

  @Schema(name = "KeycloakStatus")
  public record Status(
      boolean enabled, String issuer, boolean syncActive, long pending, String matchBy) {}
}
