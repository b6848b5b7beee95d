package io.switchboard.auth.account.rest;

import io.switchboard.auth.account.rest.AuthDtos.UserView;
import io.switchboard.auth.account.service.AccountAdministration;
import io.switchboard.auth.account.service.AccountService;
import io.switchboard.defaults.problem.Problem;
import io.switchboard.defaults.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Accounts as admins manage them: roles and deletion (followed in the Keycloak realm). */
@Path("/api/admin/users")
@Tag(name = "Admin")
@Produces(MediaType.APPLICATION_JSON)
public class AdminUserResource {

  @Schema(name = "RolesRequest")
  public record RolesRequest(
      @NotNull @NotEmpty @Size(max = 2) Set<@NotNull @Pattern(regexp = "user|admin", message = "must be user or admin") String>
              roles) {}

  private final AccountAdministration accounts;

  public AdminUserResource(AccountAdministration accounts) {
    this.accounts = accounts;
  }

  @PUT
  @Path("/{id}/roles")
  @RolesAllowed(Roles.ADMIN)
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(summary = "Set an account's roles (always including user)")
  @APIResponse(
      responseCode = "200",
      description = "The account",
      content = @Content(schema = @Schema(implementation = UserView.class)))
  @APIResponse(
      responseCode = "400",
      description = "validation_failed: a role other than user/admin, or no user role",
      content = @Content(mediaType = Problem.MEDIA_TYPE))
  @APIResponse(
      responseCode = "404",
      description = "not_found",
      content = @Content(mediaType = Problem.MEDIA_TYPE))
  @APIResponse(
      responseCode = "409",
      description = "roles_managed_by_realm: the account's roles come from the Keycloak realm",
      content = @Content(mediaType = Problem.MEDIA_TYPE))
  public UserView setRoles(@PathParam("id") UUID id, @Valid @NotNull RolesRequest request) {
    return AccountService.view(accounts.setRoles(id, request.roles()));
  }

  @DELETE
  @Path("/{id}")
  @RolesAllowed(Roles.ADMIN)
  @Operation(summary = "Delete an account: its sessions are revoked, its realm user deleted")
  @APIResponse(responseCode = "204", description = "Deleted")
  @APIResponse(
      responseCode = "404",
      description = "not_found",
      content = @Content(mediaType = Problem.MEDIA_TYPE))
  public Response delete(@PathParam("id") UUID id) {
    accounts.delete(id);
    return Response.noContent().build();
  }
}
