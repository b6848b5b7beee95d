package io.switchboard.auth.keycloak.rest;

import io.switchboard.auth.account.rest.AuthDtos.LoginResponse;
import io.switchboard.auth.account.service.AccountService;
import io.switchboard.auth.keycloak.rest.OidcDtos.ExchangeRequest;
import io.switchboard.auth.keycloak.service.OidcLogins;
import io.switchboard.auth.keycloak.service.RealmSignIn;
import io.switchboard.auth.session.service.ClientInfo;
import io.switchboard.auth.session.service.SessionService.SignedIn;
import io.switchboard.defaults.problem.Problem;
import io.switchboard.defaults.problem.ProblemException;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.PermitAll;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Single sign-on with the Keycloak realm: browser sign-in (code + PKCE) and token exchange. */
@Path("/api/auth/oidc")
@Tag(name = "Auth")
@Produces(MediaType.APPLICATION_JSON)
public class OidcResource {

  private final OidcLogins logins;
  private final RealmSignIn signIn;

  public OidcResource(OidcLogins logins, RealmSignIn signIn) {
    this.logins = logins;
    this.signIn = signIn;
  }

  @GET
  @Path("/login")
  @PermitAll
  @Operation(
      summary = "Start a browser sign-in at the Keycloak realm (authorization code + PKCE)",
      description =
          "Redirects to the realm's authorization endpoint with a single-use state, an S256 code"
              + " challenge and a nonce; the realm sends the browser back to"
              + " /api/auth/oidc/callback.")
  @APIResponse(responseCode = "302", description = "To the realm's sign-in page")
  @APIResponse(
      responseCode = "404",
      description = "oidc_not_configured: single sign-on is off",
      content = @Content(mediaType = Problem.MEDIA_TYPE))
  public Response login() {
    signIn.requireEnabled();
    return Response.status(Response.Status.FOUND)
        .location(logins.start())
        .header("Cache-Control", "no-store")
        .build();
  }

  @GET
  @Path("/callback")
  @PermitAll
  @Operation(
      summary = "Finish a browser sign-in: trade the code for a Switchboard token",
      description =
          "Consumes the state once, exchanges the code with the PKCE verifier at the realm, maps"
              + " the realm user to the Switchboard account and opens a session.")
  @APIResponse(
      responseCode = "200",
      description = "Signed in",
      content = @Content(schema = @Schema(implementation = LoginResponse.class)))
  @APIResponse(
      responseCode = "400",
      description =
          "invalid_oidc_state (unknown, expired or used state) or validation_failed (no code)",
      content = @Content(mediaType = Problem.MEDIA_TYPE))
  @APIResponse(
      responseCode = "401",
      description =
          "oidc_login_failed (the realm answered an error), oidc_code_rejected (wrong code or"
              + " PKCE verifier), invalid_token",
      content = @Content(mediaType = Problem.MEDIA_TYPE))
  @APIResponse(
      responseCode = "403",
      description = "account_disabled, account_not_provisioned, no_switchboard_role",
      content = @Content(mediaType = Problem.MEDIA_TYPE))
  @APIResponse(
      responseCode = "503",
      description = "identity_provider_unavailable",
      content = @Content(mediaType = Problem.MEDIA_TYPE))
  public LoginResponse callback(
      @QueryParam("code") @Size(max = 4096) String code,
      @QueryParam("state") @Size(max = 256) String state,
      @QueryParam("error") @Size(max = 200) String error,
      HttpServerRequest http) {
    signIn.requireEnabled();
    if (error != null) {
      throw ProblemException.of(
          401, "oidc_login_failed", "Sign-in failed", "The identity provider ended the sign-in");
    }
    if (state == null || state.isBlank()) {
      throw ProblemException.validation("state", "must not be blank");
    }
    if (code == null || code.isBlank()) {
      throw ProblemException.validation("code", "must not be blank");
    }
    String accessToken = logins.finish(code, state);
    return answer(signIn.signIn(accessToken, ClientInfo.of(http), false));
  }

  @POST
  @Path("/exchange")
  @PermitAll
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Trade a realm access token for a Switchboard token",
      description =
          "For API clients holding a realm token, and for the gateway, which does this for"
              + " realm tokens it receives. The Switchboard session ends no later than the realm"
              + " token.")
  @APIResponse(
      responseCode = "200",
      description = "Signed in",
      content = @Content(schema = @Schema(implementation = LoginResponse.class)))
  @APIResponse(
      responseCode = "401",
      description = "invalid_token: bad signature, another realm or issuer, expired, not Bearer",
      content = @Content(mediaType = Problem.MEDIA_TYPE))
  @APIResponse(
      responseCode = "403",
      description = "account_disabled, account_not_provisioned, no_switchboard_role",
      content = @Content(mediaType = Problem.MEDIA_TYPE))
  @APIResponse(
      responseCode = "409",
      description = "account_conflict, account_linked_elsewhere",
      content = @Content(mediaType = Problem.MEDIA_TYPE))
  @APIResponse(
      responseCode = "503",
      description = "identity_provider_unavailable",
      content = @Content(mediaType = Problem.MEDIA_TYPE))
  public LoginResponse exchange(@Valid @NotNull ExchangeRequest request, HttpServerRequest http) {
    return answer(signIn.signIn(request.accessToken(), ClientInfo.of(http), true));
  }

  private static LoginResponse answer(SignedIn signedIn) {
    return new LoginResponse(
        signedIn.token().token(),
        signedIn.token().expiresAt(),
        AccountService.view(signedIn.user()));
  }
}
