package io.switchboard.gateway.security;

import io.smallrye.jwt.auth.principal.JWTParser;
import io.switchboard.defaults.security.RevokedSessions;
import io.switchboard.defaults.security.TokenClaims;
import io.switchboard.gateway.config.GatewayConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import org.jose4j.jwt.consumer.InvalidJwtException;

/**
 * Verifies bearer tokens with SmallRye JWT under the shared configuration (auth-service's JWKS,
 * RS256 only, issuer, audience, expiry). Verification may fetch the JWKS, so it runs on a worker
 * thread, never on the event loop; a token verified once is trusted from memory until it expires,
 * unless its session is signed out ({@link RevokedSessions}, fed from {@code auth.events}).
 */
@ApplicationScoped
public class TokenVerifier {

  /** Why a token was refused: the {@code reason} tag of the rejection counter. */
  public enum Rejection {
    EXPIRED,
    INVALID,
    REVOKED
  }

  /** A refused token; carries no detail about the token for the client. */
  public static final class RejectedTokenException extends RuntimeException {
    private final transient Rejection reason;

    RejectedTokenException(Rejection reason, Throwable cause) {
      super("Bearer token rejected: " + reason, cause, false, false);
      this.reason = reason;
    }

    public Rejection reason() {
      return reason;
    }
  }

  private final JWTParser parser;
  private final Vertx vertx;
  private final VerifiedTokenCache cache;
  private final Clock clock;
  private final RevokedSessions revoked;

  public TokenVerifier(
      JWTParser parser, Vertx vertx, GatewayConfig config, RevokedSessions revoked) {
    this.parser = parser;
    this.vertx = vertx;
    this.revoked = revoked;
    this.cache = new VerifiedTokenCache(config.tokenCacheSize());
    this.clock = Clock.systemUTC();
  }

  /**
   * A verified user token: whose it is, its session and when it expires.
   *
   * @param userId the token's subject
   * @param sessionId its {@code sid}, or {@code null}
   * @param expiresAt its {@code exp}, in epoch seconds
   */
  public record VerifiedToken(String userId, String sessionId, long expiresAt) {}

  /**
   * Succeeds when the token is valid and its session not signed out; fails with a {@link
   * RejectedTokenException} otherwise. Revocation is checked on every request, cached or not.
   */
  public Future<Void> verify(String token) {
    return identify(token).mapEmpty();
  }

  /** Like {@link #verify}, and tells whose token it is (for connections that outlive a request). */
  public Future<VerifiedToken> identify(String token) {
    VerifiedTokenCache.Trusted trusted = cache.trusted(token, now());
    if (trusted != null && trusted.subject() != null) {
      return unlessRevoked(trusted);
    }
    return vertx
        .executeBlocking(() -> parser.parse(token), false)
        .recover(error -> Future.failedFuture(new RejectedTokenException(reason(error), error)))
        .compose(
            jwt -> {
              if (!TokenClaims.ACCESS.equals(TokenClaims.string(jwt, TokenClaims.TYPE))
                  || !TokenClaims.typeMatchesRoles(jwt)) {
                return Future.failedFuture(new RejectedTokenException(Rejection.INVALID, null));
              }
              String subject = jwt.getSubject();
              if (subject == null || subject.isBlank()) {
                return Future.failedFuture(new RejectedTokenException(Rejection.INVALID, null));
              }
              String sessionId = TokenClaims.sessionId(jwt);
              long expires = jwt.getExpirationTime();
              cache.trust(token, subject, sessionId, expires, now());
              return unlessRevoked(
                  new VerifiedTokenCache.Trusted(subject, sessionId, expires, expires));
            });
  }

  private Future<VerifiedToken> unlessRevoked(VerifiedTokenCache.Trusted trusted) {
    return revoked.isRevoked(trusted.sessionId())
        ? Future.failedFuture(new RejectedTokenException(Rejection.REVOKED, null))
        : Future.succeededFuture(
            new VerifiedToken(trusted.subject(), trusted.sessionId(), trusted.expires()));
  }

  private long now() {
    return clock.instant().getEpochSecond();
  }

  private static Rejection reason(Throwable error) {
    for (Throwable cause = error; cause != null; cause = cause.getCause()) {
      if (cause instanceof InvalidJwtException invalid && invalid.hasExpired()) {
        return Rejection.EXPIRED;
      }
    }
    return Rejection.INVALID;
  }
}
