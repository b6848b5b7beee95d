package io.switchboard.gateway.security;

import io.smallrye.jwt.auth.principal.JWTParser;
import io.switchboard.gateway.config.GatewayConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import org.jose4j.jwt.consumer.InvalidJwtException;

/**
 * Verifies bearer tokens with SmallRye JWT under the shared configuration (auth-service's JWKS,
 * RS256 only, issuer, audience, expiry). Verification may fetch the JWKS, so it runs on a worker
 * thread, never on the event loop; a token verified once is trusted from memory until it expires.
 */
@ApplicationScoped
public class TokenVerifier {

  /** Why a token was refused: the {@code reason} tag of the rejection counter. */
  public enum Rejection {
    EXPIRED,
    INVALID
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

  public TokenVerifier(JWTParser parser, Vertx vertx, GatewayConfig config) {
    this.parser = parser;
    this.vertx = vertx;
    this.cache = new VerifiedTokenCache(config.tokenCacheSize());
    this.clock = Clock.systemUTC();
  }

  /** Succeeds when the token is valid; fails with a {@link RejectedTokenException} otherwise. */
  public Future<Void> verify(String token) {
    if (cache.isTrusted(token, now())) {
      return Future.succeededFuture();
    }
    return vertx
        .executeBlocking(() -> parser.parse(token), false)
        .recover(error -> Future.failedFuture(new RejectedTokenException(reason(error), error)))
        .map(
            jwt -> {
              cache.trust(token, jwt.getExpirationTime(), now());
              return null;
            });
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
