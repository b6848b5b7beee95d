package io.switchboard.auth.keycloak.service;

import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.ParseException;
import io.switchboard.auth.keycloak.KeycloakConfig;
import io.switchboard.defaults.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logging.Logger;

/**
 * Verifies access tokens of the federated realm: signature by the realm's JWKS (RS256 only), {@code
 * iss} the realm's, not expired, {@code typ} {@code Bearer} (not an ID or refresh token), issued to
 * an accepted client ({@code azp}). Anything else is a 401 {@code invalid_token}, like any bad
 * token: a token of another realm or server fails the issuer or signature check.
 */
@ApplicationScoped
public class RealmTokens {

  private static final Logger LOG = Logger.getLogger(RealmTokens.class);

  private final KeycloakConfig config;
  private final DefaultJWTParser parser;
  private final RoleMapper roles;

  public RealmTokens(KeycloakConfig config) {
    this.config = config;
    JWTAuthContextInfo context = new JWTAuthContextInfo(config.endpoint("certs"), null);
    context.setIssuedBy(config.expectedIssuer());
    context.setSignatureAlgorithm(Set.of(SignatureAlgorithm.RS256));
    context.setJwksRefreshInterval(10);
    context.setForcedJwksRefreshInterval(1);
    context.setRequiredClaims(Set.of("sub", "exp", "iat"));
    this.parser = new DefaultJWTParser(context);
    this.roles = new RoleMapper(config.mapping());
  }

  /** The identity behind a realm access token, or a 401 {@code invalid_token}. */
  public RealmIdentity verify(String token) {
    JsonWebToken jwt;
    try {
      jwt = parser.parse(token);
    } catch (ParseException | RuntimeException e) {
      LOG.debugf("Realm token refused: %s", e.getMessage());
      throw invalid();
    }
    if (!"Bearer".equals(string(jwt.getClaim("typ")))) {
      throw invalid();
    }
    List<String> accepted =
        config.login().acceptedClients().orElse(List.of(config.login().clientId()));
    if (!accepted.contains(string(jwt.getClaim("azp")))) {
      throw invalid();
    }
    String username = string(jwt.getClaim("preferred_username"));
    if (username == null || username.isBlank()) {
      throw invalid();
    }
    Object verified = jwt.getClaim("email_verified");
    return new RealmIdentity(
        jwt.getSubject(),
        username,
        string(jwt.getClaim("email")),
        verified != null && "true".equals(verified.toString()),
        string(jwt.getClaim("name")),
        roles.map(realmRoles(jwt), clientRoles(jwt), strings(jwt.getClaim("groups"))),
        Instant.ofEpochSecond(jwt.getExpirationTime()));
  }

  /** The {@code nonce} of a realm ID token issued to the sign-in client; 401 when invalid. */
  public String nonceOf(String idToken) {
    JsonWebToken jwt;
    try {
      jwt = parser.parse(idToken);
    } catch (ParseException | RuntimeException e) {
      throw invalid();
    }
    if (!"ID".equals(string(jwt.getClaim("typ")))
        || !config.login().clientId().equals(string(jwt.getClaim("azp")))) {
      throw invalid();
    }
    return string(jwt.getClaim("nonce"));
  }

  private static List<String> realmRoles(JsonWebToken jwt) {
    Object access = jwt.getClaim("realm_access");
    return access instanceof JsonObject object ? strings(object.get("roles")) : List.of();
  }

  private static Map<String, List<String>> clientRoles(JsonWebToken jwt) {
    Map<String, List<String>> byClient = new LinkedHashMap<>();
    if (jwt.getClaim("resource_access") instanceof JsonObject clients) {
      clients.forEach(
          (client, value) -> {
            if (value instanceof JsonObject object) {
              byClient.put(client, strings(object.get("roles")));
            }
          });
    }
    return byClient;
  }

  private static List<String> strings(Object value) {
    List<String> out = new ArrayList<>();
    if (value instanceof JsonArray array) {
      for (JsonValue item : array) {
        if (item instanceof JsonString text) {
          out.add(text.getString());
        }
      }
    } else if (value instanceof Iterable<?> items) {
      items.forEach(item -> out.add(string(item)));
    }
    return out;
  }

  private static String string(Object value) {
    if (value == null) {
      return null;
    }
    return value instanceof JsonString json ? json.getString() : value.toString();
  }

  static ProblemException invalid() {
    return ProblemException.of(
        401, "invalid_token", "Invalid token", "The realm token is invalid, expired or foreign");
  }
}
