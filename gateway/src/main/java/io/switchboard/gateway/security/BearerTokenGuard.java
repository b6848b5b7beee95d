package io.switchboard.gateway.security;

import io.micrometer.core.instrument.MeterRegistry;
import io.switchboard.defaults.problem.Problem;
import io.switchboard.defaults.problem.ProblemCode;
import io.switchboard.defaults.problem.ProblemRoutes;
import io.vertx.core.Future;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Locale;
import org.jboss.logging.Logger;

/**
 * The gate in front of every protected path: a request goes on only with a valid {@code
 * Authorization: Bearer} token. Without one it gets a 401 {@code unauthenticated}, with a bad one a
 * 401 {@code invalid_token} (both with {@code WWW-Authenticate: Bearer}), and each refusal counts
 * in {@code switchboard.gateway.token.rejections{reason}}.
 */
@ApplicationScoped
public class BearerTokenGuard {

  private static final Logger LOG = Logger.getLogger(BearerTokenGuard.class);
  private static final String BEARER = "bearer ";

  private final TokenVerifier verifier;
  private final RealmTokenExchange realm;
  private final ProblemRoutes problems;
  private final MeterRegistry registry;

  public BearerTokenGuard(
      TokenVerifier verifier,
      RealmTokenExchange realm,
      ProblemRoutes problems,
      MeterRegistry registry) {
    this.verifier = verifier;
    this.realm = realm;
    this.problems = problems;
    this.registry = registry;
  }

  /** Runs {@code next} on the request's event loop once the token is verified. */
  public void authenticate(RoutingContext ctx, Runnable next) {
    String header = ctx.request().getHeader(HttpHeaders.AUTHORIZATION);
    if (header == null || header.isBlank()) {
      reject(ctx, "missing", ProblemCode.UNAUTHENTICATED, "A bearer token is required");
      return;
    }
    String token = bearerToken(header);
    if (token == null) {
      reject(
          ctx,
          "not_bearer",
          ProblemCode.UNAUTHENTICATED,
          "Send the token as 'Authorization: Bearer <token>'");
      return;
    }
    Future<Void> verified;
    if (realm.handles(token)) {
      // A realm token: traded for the account's Switchboard token, which goes on instead.
      verified =
          realm
              .exchange(token, clientIp(ctx))
              .compose(
                  switchboardToken -> {
                    ctx.request()
                        .headers()
                        .set(HttpHeaders.AUTHORIZATION, "Bearer " + switchboardToken);
                    return verifier.verify(switchboardToken);
                  });
    } else {
      verified = verifier.verify(token);
    }
    verified.onComplete(
        outcome -> {
          if (outcome.succeeded()) {
            next.run();
            return;
          }
          Throwable error = outcome.cause();
          if (error instanceof RealmTokenExchange.ExchangeUnavailableException) {
            LOG.warnf("Realm token not traded: %s", error.getMessage());
            problems.send(
                ctx,
                Problem.of(
                    ProblemCode.SERVICE_UNAVAILABLE,
                    "auth-service is unavailable to check the single sign-on token"));
            return;
          }
          String reason =
              error instanceof TokenVerifier.RejectedTokenException rejected
                  ? rejected.reason().name().toLowerCase(Locale.ROOT)
                  : "invalid";
          LOG.debugf("Token refused on %s: %s", ctx.request().path(), error.getCause());
          reject(
              ctx,
              reason,
              ProblemCode.INVALID_TOKEN,
              "The bearer token is invalid, expired or revoked");
        });
  }

  private void reject(RoutingContext ctx, String reason, ProblemCode code, String detail) {
    registry.counter("switchboard.gateway.token.rejections", "reason", reason).increment();
    problems.send(ctx, Problem.of(code, detail));
  }

  private static String clientIp(RoutingContext ctx) {
    var peer = ctx.request().remoteAddress();
    return peer == null ? null : peer.hostAddress();
  }

  private static String bearerToken(String header) {
    if (header.length() <= BEARER.length()
        || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      return null;
    }
    String token = header.substring(BEARER.length()).trim();
    return token.isEmpty() ? null : token;
  }
}
