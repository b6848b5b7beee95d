package io.switchboard.defaults.security;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Not ready until the revoked sessions of the last token lifetime are replayed: a replica that
 * served before that could accept a token that was signed out.
 */
@Readiness
@ApplicationScoped
public class RevocationReadiness implements HealthCheck {

  private final RevocationListener listener;
  private final RevokedSessions sessions;

  public RevocationReadiness(RevocationListener listener, RevokedSessions sessions) {
    this.listener = listener;
    this.sessions = sessions;
  }

  @Override
  public HealthCheckResponse call() {
    return HealthCheckResponse.named("Session revocations")
        .status(listener.caughtUp())
        .withData("revoked", sessions.size())
        .build();
  }
}
