package io.switchboard.auth.account.rest;

import io.switchboard.auth.account.User;
import io.switchboard.auth.account.rest.AuthDtos.LoginRequest;
import io.switchboard.auth.account.rest.AuthDtos.LoginResponse;
import io.switchboard.auth.account.rest.AuthDtos.RegisterRequest;
import io.switchboard.auth.account.rest.AuthDtos.RegisterResponse;
import io.switchboard.auth.account.rest.AuthDtos.UserView;
import io.switchboard.auth.account.service.AccountService;
import io.switchboard.auth.session.service.ClientInfo;
import io.switchboard.auth.session.service.SessionService;
import io.switchboard.auth.session.service.SessionService.SignedIn;
import io.switchboard.defaults.problem.ProblemException;
import io.switchboard.defaults.security.Roles;
import io.switchboard.defaults.security.TokenClaims;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Accounts and sessions: register, login, logout, me. */
@Path("/api/auth")
@Tag(name = "Auth")
@Produces(MediaType.APPLICATION_JSON)
public class AuthResource {

  private final AccountService accounts;
  private final SessionService sessions;
  private final JsonWebToken jwt;

  public AuthResource(AccountService accounts, SessionService sessions, JsonWebToken jwt) {
    this.accounts = accounts;
    this.sessions = sessions;
    this.jwt = jwt;
  }

  @POST
  @Path("/register")
  @PermitAll
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(summary = "Create an account and sign in (the first account is admin)")
  public Response register(@Valid @NotNull RegisterRequest request, HttpServerRequest http) {
    User user = accounts.register(request);
    SignedIn signedIn = sessions.open(user, ClientInfo.of(http));
    return Response.created(URI.create("/api/auth/me"))
        .entity(
            new RegisterResponse(
                AccountService.view(user), signedIn.token().token(), signedIn.token().expiresAt()))
        .build();
  }

  @POST
  @Path("/login")
  @PermitAll
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(summary = "Sign in with username (or e-mail) and password")
  public LoginResponse login(@Valid @NotNull LoginRequest request, HttpServerRequest http) {
    SignedIn signedIn =
        sessions.login(
            request.username(), request.password(), request.totpCode(), ClientInfo.of(http));
    return new LoginResponse(
        signedIn.token().token(),
        signedIn.token().expiresAt(),
        AccountService.view(signedIn.user()));
  }

  @POST
  @Path("/logout")
  @RolesAllowed(Roles.USER)
  @Operation(summary = "Revoke this token's session everywhere")
  public Response logout() {
    String sid = TokenClaims.sessionId(jwt);
    if (sid == null) {
      throw ProblemException.of(
          400, "no_session", "No session", "This token belongs to no session to sign out of");
    }
    sessions.logout(userId(), UUID.fromString(sid));
    return Response.noContent().build();
  }

  @GET
  @Path("/me")
  @RolesAllowed(Roles.USER)
  @Operation(summary = "The signed-in account")
  public UserView me() {
    return User.findLive(userId())
        .map(AccountService::view)
        .orElseThrow(() -> ProblemException.notFound("Account"));
  }

  private UUID userId() {
    return UUID.fromString(jwt.getSubject());
  }
}
