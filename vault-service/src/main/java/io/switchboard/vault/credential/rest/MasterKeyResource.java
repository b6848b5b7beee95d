package io.switchboard.vault.credential.rest;

import io.switchboard.defaults.security.Roles;
import io.switchboard.vault.credential.service.MasterKeyRewrap;
import io.switchboard.vault.credential.service.MasterKeyRewrap.RewrapResult;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Master-key rotation: re-wrap every data key under the active master-key version. */
@Path("/api/vault/admin/rewrap")
@Tag(name = "Vault")
@Produces(MediaType.APPLICATION_JSON)
public class MasterKeyResource {

  private final MasterKeyRewrap rewrap;

  public MasterKeyResource(MasterKeyRewrap rewrap) {
    this.rewrap = rewrap;
  }

  @POST
  @RolesAllowed(Roles.ADMIN)
  @Operation(
      summary = "Re-wrap all data keys under the active master key (admin)",
      description =
          "After adding switchboard.vault.master-keys.<n> and making it active; values are never"
              + " decrypted. Then min-master-key-version can retire the old versions.")
  public RewrapResult rewrap() {
    return rewrap.rewrapAll();
  }
}
