package io.switchboard.defaults.security;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * What a verified token must also be: of a type the platform issues ({@code typ} {@code access} or
 * {@code service}) with the roles that type allows, and not of a signed-out session. Otherwise a
 * 401 {@code invalid_token}, like a badly signed one.
 */
@ApplicationScoped
public class TokenPolicyAugmentor implements SecurityIdentityAugmentor {

  private static final Set<String> TYPES = Set.of(TokenClaims.ACCESS, TokenClaims.SERVICE);

  private final RevokedSessions sessions;

  public TokenPolicyAugmentor(RevokedSessions sessions) {
    this.sessions = sessions;
  }

  @Override
  public Uni<SecurityIdentity> augment(
      SecurityIdentity identity, AuthenticationRequestContext context) {
    if (identity.getPrincipal() instanceof JsonWebToken token) {
      if (!TYPES.contains(TokenClaims.string(token, TokenClaims.TYPE))
          || !TokenClaims.typeMatchesRoles(token)) {
        return Uni.createFrom().failure(new AuthenticationFailedException("Unknown token type"));
      }
      if (sessions.isRevoked(TokenClaims.sessionId(token))) {
        return Uni.createFrom().failure(new AuthenticationFailedException("Session revoked"));
      }
    }
    return Uni.createFrom().item(identity);
  }
}
