package io.switchboard.auth.keycloak.service;

import io.switchboard.auth.account.User;
import io.switchboard.auth.keycloak.KeycloakConfig;
import io.switchboard.auth.session.service.ClientInfo;
import io.switchboard.auth.session.service.SessionService;
import io.switchboard.auth.session.service.SessionService.SignedIn;
import io.switchboard.defaults.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import org.jboss.logging.Logger;

/**
 * Signs an account in with a realm access token: verifies it ({@link RealmTokens}), refuses a realm
 * user that is disabled or gone (asked through the admin API when credentials are set), finds or
 * creates the account ({@link RealmAccounts}) and opens a Switchboard session, whose token is what
 * the services see ({@code sub} = the account's id).
 */
@ApplicationScoped
public class RealmSignIn {

  private static final Logger LOG = Logger.getLogger(RealmSignIn.class);

  private final KeycloakConfig config;
  private final RealmTokens tokens;
  private final RealmAdmin admin;
  private final RealmAccounts accounts;
  private final SessionService sessions;

  public RealmSignIn(
      KeycloakConfig config,
      RealmTokens tokens,
      RealmAdmin admin,
      RealmAccounts accounts,
      SessionService sessions) {
    this.config = config;
    this.tokens = tokens;
    this.admin = admin;
    this.accounts = accounts;
    this.sessions = sessions;
  }

  /**
   * Exchanges a realm access token for a Switchboard session.
   *
   * @param notAfter whether the session ends with the realm token ({@code true} for an exchanged
   *     token, so a shorter-lived realm token is not stretched; {@code false} after a browser
   *     sign-in)
   */
  public SignedIn signIn(String realmToken, ClientInfo client, boolean notAfter) {
    requireEnabled();
    RealmIdentity identity = tokens.verify(realmToken);
    if (admin.configured()) {
      boolean enabled;
      try {
        enabled = admin.isEnabled(identity.subject());
      } catch (RuntimeException e) {
        LOG.warnf("Keycloak admin API unreachable: %s", e.getMessage());
        throw unavailable();
      }
      if (!enabled) {
        throw ProblemException.of(
            403, "account_disabled", "Account disabled", "The realm user is disabled or gone");
      }
    }
    User user = accounts.accountOf(identity);
    Instant end = notAfter ? identity.expiresAt() : null;
    return sessions.open(user, client, end);
  }

  /** A 404 while federation is off, so the endpoints reveal nothing then. */
  public void requireEnabled() {
    if (!config.enabled()) {
      throw ProblemException.of(
          404, "oidc_not_configured", "Not configured", "Single sign-on is not configured");
    }
  }

  static ProblemException unavailable() {
    return ProblemException.of(
        503,
        "identity_provider_unavailable",
        "Identity provider unavailable",
        "The identity provider cannot be reached; sign in with a password or retry later");
  }
}
