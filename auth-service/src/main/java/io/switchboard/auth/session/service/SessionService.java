package io.switchboard.auth.session.service;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.switchboard.auth.account.User;
import io.switchboard.auth.config.AuthConfig;
import io.switchboard.auth.password.PasswordHasher;
import io.switchboard.auth.session.Session;
import io.switchboard.auth.token.IssuedToken;
import io.switchboard.auth.token.TokenIssuer;
import io.switchboard.auth.totp.service.TotpService;
import io.switchboard.defaults.event.EventEnvelope;
import io.switchboard.defaults.event.Topics;
import io.switchboard.defaults.outbox.Outbox;
import io.switchboard.defaults.problem.ProblemException;
import io.switchboard.defaults.security.RevocationListener;
import io.switchboard.defaults.security.RevokedSessions;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Sign-in, sessions and sign-out. */
@ApplicationScoped
public class SessionService {

  private final PasswordHasher hasher;
  private final LoginThrottle throttle;
  private final TokenIssuer issuer;
  private final Outbox outbox;
  private final AuthConfig config;
  private final RevokedSessions revoked;
  private final TotpService totp;

  public SessionService(
      PasswordHasher hasher,
      LoginThrottle throttle,
      TokenIssuer issuer,
      Outbox outbox,
      AuthConfig config,
      RevokedSessions revoked,
      TotpService totp) {
    this.hasher = hasher;
    this.throttle = throttle;
    this.issuer = issuer;
    this.outbox = outbox;
    this.config = config;
    this.revoked = revoked;
    this.totp = totp;
  }

  /** A login result: the account and its new token. */
  public record SignedIn(User user, IssuedToken token) {}

  /**
   * Checks the credentials (same answer and the same Argon2 work for an unknown user and a wrong
   * password), counts failures, asks for the second factor when the account has TOTP enabled (401
   * {@code totp_required} / {@code invalid_totp}), and opens a session.
   */
  public SignedIn login(String login, String password, String totpCode, ClientInfo client) {
    String loginKey = LoginThrottle.loginKey(login);
    String ipKey = LoginThrottle.ipKey(client.ip());
    throttle.checkAllowed(loginKey, ipKey);
    Optional<User> found = QuarkusTransaction.requiringNew().call(() -> User.findByLogin(login));
    boolean valid;
    if (found.isPresent()) {
      valid = hasher.verify(password, found.get().passwordHash);
    } else {
      hasher.verifyNothing(password);
      valid = false;
    }
    if (!valid) {
      throttle.recordFailure(loginKey, ipKey);
      throw invalidCredentials();
    }
    totp.checkLogin(found.get().id, totpCode);
    throttle.reset(loginKey);
    rehashIfCostChanged(found.get(), password);
    return open(found.get(), client);
  }

  /**
   * Stores a new hash at the configured cost when the account's was made at another (the cost was
   * changed since): only if nobody changed the password meanwhile.
   */
  private void rehashIfCostChanged(User user, String password) {
    String old = user.passwordHash;
    if (!hasher.needsRehash(old)) {
      return;
    }
    String rehashed;
    try {
      rehashed = hasher.hash(password);
    } catch (ProblemException saturated) {
      return; // the hashing pool is full: the sign-in itself succeeded, rehash next time
    }
    QuarkusTransaction.requiringNew()
        .run(
            () ->
                User.update(
                    "passwordHash = ?1 where id = ?2 and passwordHash = ?3",
                    rehashed,
                    user.id,
                    old));
    user.passwordHash = rehashed;
  }

  /** Opens a session for an account that just proved who it is (e.g. registered). */
  public SignedIn open(User user, ClientInfo client) {
    return open(user, client, null);
  }

  /** Like {@link #open(User, ClientInfo)}, ending no later than {@code notAfter} when given. */
  public SignedIn open(User user, ClientInfo client, Instant notAfter) {
    Session session = QuarkusTransaction.requiringNew().call(() -> create(user, client, notAfter));
    return new SignedIn(user, issuer.issue(user, session));
  }

  /** Revokes every live session of the account (e.g. when it is deleted). */
  public void logoutAll(UUID userId) {
    List<UUID> live =
        QuarkusTransaction.requiringNew()
            .call(
                () ->
                    Session.<Session>list(
                            "userId = ?1 and revokedAt is null and expiresAt > ?2",
                            userId,
                            Instant.now())
                        .stream()
                        .map(session -> session.id)
                        .toList());
    live.forEach(sessionId -> logout(userId, sessionId));
  }

  /**
   * Revokes a session: refused here at once, and by every other verifier once the {@code
   * session.revoked} event written with it reaches them through {@code auth.events}. Idempotent.
   */
  public void logout(UUID userId, UUID sessionId) {
    Instant expiresAt =
        QuarkusTransaction.requiringNew().call(() -> revokeAndPublish(userId, sessionId));
    if (expiresAt != null) {
      revoked.revoke(sessionId.toString(), expiresAt);
    }
  }

  private Instant revokeAndPublish(UUID userId, UUID sessionId) {
    Session session = Session.findById(sessionId);
    if (session == null || !session.userId.equals(userId) || session.revokedAt != null) {
      return null;
    }
    session.revokedAt = Instant.now();
    outbox.publish(
        Topics.AUTH_EVENTS,
        userId.toString(),
        EventEnvelope.create(
            RevocationListener.SESSION_REVOKED,
            "auth-service",
            userId.toString(),
            JsonNodeFactory.instance
                .objectNode()
                .put("sessionId", sessionId.toString())
                .put("userId", userId.toString())
                .put("expiresAt", session.expiresAt.toString())));
    return session.expiresAt;
  }

  private Session create(User user, ClientInfo client, Instant notAfter) {
    Session session = new Session();
    session.id = UUID.randomUUID();
    session.userId = user.id;
    session.createdAt = Instant.now();
    session.expiresAt = session.createdAt.plus(config.tokens().lifetime());
    if (notAfter != null && notAfter.isBefore(session.expiresAt)) {
      session.expiresAt = notAfter;
    }
    session.clientIp = client.ip();
    session.userAgent = client.userAgent();
    session.persist();
    return session;
  }

  private static ProblemException invalidCredentials() {
    return ProblemException.of(
        401, "invalid_credentials", "Invalid credentials", "The username or password is wrong");
  }
}
