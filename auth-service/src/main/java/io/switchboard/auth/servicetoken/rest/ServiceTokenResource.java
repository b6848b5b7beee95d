package io.switchboard.auth.servicetoken.rest;

import io.switchboard.auth.servicetoken.service.ServiceClients;
import io.switchboard.auth.token.IssuedToken;
import io.switchboard.auth.token.TokenIssuer;
import io.switchboard.defaults.problem.ProblemException;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.logging.Logger;

/**
 * Service to service: a service trades its client secret (HTTP Basic, {@code name:secret}) for a
 * short-lived token with role {@code service} and {@code typ=service}, which it then presents on
 * other services' {@code /internal/*} APIs.
 */
@Path("/internal/service-tokens")
@Tag(name = "Internal")
@Produces(MediaType.APPLICATION_JSON)
public class ServiceTokenResource {

  private static final Logger LOG = Logger.getLogger(ServiceTokenResource.class);

  private final ServiceClients clients;
  private final TokenIssuer issuer;

  public ServiceTokenResource(ServiceClients clients, TokenIssuer issuer) {
    this.clients = clients;
    this.issuer = issuer;
  }

  /** The answer: the token and when it expires. */
  public record ServiceToken(String token, Instant expiresAt) {}

  @POST
  @PermitAll
  @Operation(
      summary = "Issue a service token for a service's client secret (HTTP Basic)",
      description =
          "401 invalid_client for an unknown service or a wrong"
              + " secret. The token's sub is the service name; it lives"
              + " switchboard.auth.service-tokens.lifetime (5 minutes).")
  public ServiceToken issue(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
    String[] client = basic(authorization);
    if (client == null || !clients.authenticate(client[0], client[1])) {
      LOG.warnf("Refused a service token request for %s", client == null ? "?" : safe(client[0]));
      throw invalidClient();
    }
    IssuedToken token = issuer.issueService(client[0]);
    return new ServiceToken(token.token(), token.expiresAt());
  }

  private static String[] basic(String header) {
    if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
      return null;
    }
    try {
      String decoded =
          new String(
              Base64.getDecoder().decode(header.substring(6).strip()), StandardCharsets.UTF_8);
      int colon = decoded.indexOf(':');
      return colon <= 0
          ? null
          : new String[] {decoded.substring(0, colon), decoded.substring(colon + 1)};
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static String safe(String name) {
    return name.length() > 64
        ? name.substring(0, 64) + "…"
        : name.replaceAll("[^A-Za-z0-9._-]", "?");
  }

  private static ProblemException invalidClient() {
    return ProblemException.of(
        401, "invalid_client", "Unauthorized", "Unknown service or wrong secret");
  }
}
