package io.switchboard.vault.credential.rest;

import io.switchboard.defaults.security.Roles;
import io.switchboard.vault.credential.rest.CredentialDtos.ResolveRequest;
import io.switchboard.vault.credential.rest.CredentialDtos.ResolveResponse;
import io.switchboard.vault.credential.service.ResolutionService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Service to service: a credential's value on behalf of the user who owns it, audited. */
@Path("/internal/vault/resolve")
@Tag(name = "Internal")
@Produces(MediaType.APPLICATION_JSON)
public class ResolveResource {

  private final ResolutionService credentials;
  private final JsonWebToken jwt;

  public ResolveResource(ResolutionService credentials, JsonWebToken jwt) {
    this.credentials = credentials;
    this.jwt = jwt;
  }

  @POST
  @RolesAllowed(Roles.SERVICE)
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Resolve a credential by id or name for a user (service tokens only)",
      description =
          "404 when the user does not own it (same answer as unknown); 409 credential_expired; 409"
              + " credential_unreadable when the stored value fails to decrypt. `version` reads a"
              + " previous version during its rotation grace (404 credential_version_gone after)."
              + " Every call naming a credential is written to its audit log.")
  public ResolveResponse resolve(@Valid @NotNull ResolveRequest request) {
    return credentials.resolve(jwt.getSubject(), request);
  }
}
