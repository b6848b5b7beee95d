package io.switchboard.auth.jwks.rest;

import io.switchboard.auth.jwks.service.SigningKey;
import io.switchboard.auth.jwks.service.SigningKeys;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The public keys tokens are verified with (RFC 7517), for the gateway and every service. */
@Path("/.well-known/jwks.json")
@Tag(name = "Auth")
public class JwksResource {

  private static final CacheControl FIVE_MINUTES = cacheFor(300);

  private final SigningKeys keys;

  public JwksResource(SigningKeys keys) {
    this.keys = keys;
  }

  @GET
  @PermitAll
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(summary = "JSON Web Key Set of the token signing keys")
  public Response jwks() {
    Map<String, List<Map<String, String>>> body =
        Map.of("keys", keys.published().stream().map(SigningKey::toJwk).toList());
    return Response.ok(body).cacheControl(FIVE_MINUTES).build();
  }

  private static CacheControl cacheFor(int seconds) {
    CacheControl cache = new CacheControl();
    cache.setMaxAge(seconds);
    return cache;
  }
}
