package io.switchboard.gateway.security;

import io.switchboard.gateway.client.UpstreamClients;
import io.switchboard.gateway.config.GatewayConfig;
import io.switchboard.gateway.config.UpstreamService;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Single sign-on at the edge: a bearer token whose (unverified) {@code iss} is the configured
 * Keycloak realm's is traded at auth-service ({@code POST /api/auth/oidc/exchange}), which verifies
 * it, refuses disabled users and maps the realm user to the Switchboard account; the request then
 * goes on with the Switchboard token, so every service keeps verifying only auth-service's tokens
 * and sees the account's id as {@code sub}. Traded tokens are remembered (bounded LRU) until the
 * Switchboard token expires, at most 5 minutes.
 */
@ApplicationScoped
public class RealmTokenExchange {

  static final String PATH = "/api/auth/oidc/exchange";
  private static final long MAX_TRUST_SECONDS = 300;

  /** auth-service could not be asked (unreachable, 5xx): a 503, not the client's fault. */
  public static final class ExchangeUnavailableException extends RuntimeException {
    ExchangeUnavailableException(String message) {
      super(message, null, false, false);
    }
  }

  private record Traded(String token, long until) {}

  private final Optional<String> issuer;
  private final UpstreamClients clients;
  private final Clock clock = Clock.systemUTC();
  private final Map<String, Traded> traded;

  public RealmTokenExchange(GatewayConfig config, UpstreamClients clients) {
    this.issuer = config.keycloak().issuer().filter(value -> !value.isBlank());
    this.clients = clients;
    int capacity = config.tokenCacheSize();
    this.traded =
        new LinkedHashMap<>(64, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<String, Traded> eldest) {
            return size() > capacity;
          }
        };
  }

  /** Whether the token claims to come from the realm (nothing is trusted from that claim). */
  public boolean handles(String token) {
    return issuer.isPresent() && issuer.get().equals(unverifiedIssuer(token));
  }

  /**
   * The Switchboard token for a realm token; fails with {@link
   * TokenVerifier.RejectedTokenException} when auth-service refuses it (4xx), with {@link
   * ExchangeUnavailableException} when it cannot answer.
   */
  public Future<String> exchange(String realmToken, String clientIp) {
    long now = clock.instant().getEpochSecond();
    synchronized (traded) {
      Traded known = traded.get(realmToken);
      if (known != null && now < known.until()) {
        return Future.succeededFuture(known.token());
      }
      traded.remove(realmToken);
    }
    Buffer body = Buffer.buffer(new JsonObject().put("accessToken", realmToken).encode());
    return clients
        .postPublic(UpstreamService.AUTH, PATH, UUID.randomUUID().toString(), clientIp, body)
        .recover(error -> Future.failedFuture(new ExchangeUnavailableException(error.toString())))
        .compose(
            reply -> {
              if (reply.status() == 200) {
                JsonObject answer = reply.body().toJsonObject();
                String token = answer.getString("token");
                long expires = Instant.parse(answer.getString("expiresAt")).getEpochSecond();
                long until = Math.min(expires, now + MAX_TRUST_SECONDS);
                synchronized (traded) {
                  traded.put(realmToken, new Traded(token, until));
                }
                return Future.succeededFuture(token);
              }
              if (reply.status() >= 400 && reply.status() < 500) {
                return Future.failedFuture(
                    new TokenVerifier.RejectedTokenException(
                        TokenVerifier.Rejection.INVALID, null));
              }
              return Future.failedFuture(
                  new ExchangeUnavailableException("auth-service answered " + reply.status()));
            });
  }

  /** The {@code iss} of a JWT's payload, read without verifying anything; {@code null} if none. */
  static String unverifiedIssuer(String token) {
    int first = token.indexOf('.');
    int second = first < 0 ? -1 : token.indexOf('.', first + 1);
    if (second < 0) {
      return null;
    }
    try {
      byte[] payload = Base64.getUrlDecoder().decode(token.substring(first + 1, second));
      Object iss = new JsonObject(new String(payload, StandardCharsets.UTF_8)).getValue("iss");
      return iss instanceof String text ? text : null;
    } catch (RuntimeException e) {
      return null;
    }
  }
}
