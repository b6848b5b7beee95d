package io.switchboard.defaults.security;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** Refuses a token whose session was signed out: a 401 {@code invalid_token}, like a bad one. */
@ApplicationScoped
public class RevocationAugmentor implements SecurityIdentityAugmentor {

  private final RevokedSessions sessions;

  public RevocationAugmentor(RevokedSessions sessions) {
    this.sessions = sessions;
  }

  @Override
  public Uni<SecurityIdentity> augment(
      SecurityIdentity identity, AuthenticationRequestContext context) {
    if (identity.getPrincipal() instanceof JsonWebToken token
        && sessions.isRevoked(TokenClaims.sessionId(token))) {
      return Uni.createFrom().failure(new AuthenticationFailedException("Session revoked"));
    }
    return Uni.createFrom().item(identity);
  }
}
