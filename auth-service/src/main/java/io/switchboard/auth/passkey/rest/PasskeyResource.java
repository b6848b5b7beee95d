package io.switchboard.auth.passkey.rest;

import io.switchboard.auth.account.User;
import io.switchboard.auth.account.rest.AuthDtos.LoginResponse;
import io.switchboard.auth.account.service.AccountService;
import io.switchboard.auth.passkey.Passkey;
import io.switchboard.auth.passkey.rest.PasskeyDtos.AuthenticateOptionsRequest;
import io.switchboard.auth.passkey.rest.PasskeyDtos.AuthenticateRequest;
import io.switchboard.auth.passkey.rest.PasskeyDtos.CreationOptions;
import io.switchboard.auth.passkey.rest.PasskeyDtos.RegisterRequest;
import io.switchboard.auth.passkey.rest.PasskeyDtos.RegisterResponse;
import io.switchboard.auth.passkey.rest.PasskeyDtos.RequestOptions;
import io.switchboard.auth.passkey.service.PasskeyAuthentication;
import io.switchboard.auth.passkey.service.PasskeyRegistration;
import io.switchboard.auth.session.service.ClientInfo;
import io.switchboard.auth.session.service.SessionService.SignedIn;
import io.switchboard.defaults.problem.ProblemException;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Passkeys (WebAuthn): register one to the signed-in account, sign in with one, remove one. */
@Path("/api/auth/passkey")
@Tag(name = "Auth")
@Produces(MediaType.APPLICATION_JSON)
public class PasskeyResource {

  private final PasskeyRegistration registration;
  private final PasskeyAuthentication authentication;
  private final JsonWebToken jwt;

  public PasskeyResource(
      PasskeyRegistration registration, PasskeyAuthentication authentication, JsonWebToken jwt) {
    this.registration = registration;
    this.authentication = authentication;
    this.jwt = jwt;
  }

  @POST
  @Path("/register/options")
  @RolesAllowed("user")
  @Operation(
      summary = "Start registering a passkey: PublicKeyCredentialCreationOptionsJSON + challengeId")
  public CreationOptions registerOptions() {
    User user = User.findLive(userId()).orElseThrow(() -> ProblemException.notFound("Account"));
    return registration.options(user);
  }

  @POST
  @Path("/register")
  @RolesAllowed("user")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(summary = "Finish registering a passkey with the authenticator's response")
  public Response register(@Valid @NotNull RegisterRequest request) {
    Passkey passkey = registration.finish(userId(), request);
    return Response.created(URI.create("/api/auth/me"))
        .entity(new RegisterResponse(passkey.toView()))
        .build();
  }

  @POST
  @Path("/authenticate/options")
  @PermitAll
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary =
          "Start signing in with a passkey: PublicKeyCredentialRequestOptionsJSON + challengeId")
  public RequestOptions authenticateOptions(@Valid AuthenticateOptionsRequest request) {
    return authentication.options(request == null ? null : request.username());
  }

  /** The same, for a POST without a (JSON) body: a discoverable-credential sign-in. */
  @POST
  @Path("/authenticate/options")
  @PermitAll
  @Operation(hidden = true)
  public RequestOptions authenticateOptionsWithoutBody() {
    return authentication.options(null);
  }

  @POST
  @Path("/authenticate")
  @PermitAll
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(summary = "Sign in with a passkey: the authenticator's assertion → a token")
  public LoginResponse authenticate(
      @Valid @NotNull AuthenticateRequest request, HttpServerRequest http) {
    SignedIn signedIn = authentication.finish(request, ClientInfo.of(http));
    return new LoginResponse(
        signedIn.token().token(),
        signedIn.token().expiresAt(),
        AccountService.view(signedIn.user()));
  }

  @DELETE
  @Path("/{id}")
  @RolesAllowed("user")
  @Transactional
  @Operation(summary = "Remove one of the signed-in account's passkeys")
  public Response delete(@PathParam("id") UUID id) {
    long deleted = Passkey.delete("id = ?1 and userId = ?2", id, userId());
    if (deleted == 0) {
      throw ProblemException.notFound("Passkey");
    }
    return Response.noContent().build();
  }

  private UUID userId() {
    return UUID.fromString(jwt.getSubject());
  }
}
