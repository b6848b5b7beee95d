package io.switchboard.auth.token;

import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.build.Jwt;
import io.switchboard.auth.account.User;
import io.switchboard.auth.config.AuthConfig;
import io.switchboard.auth.config.ServiceTokenConfig;
import io.switchboard.auth.jwks.service.SigningKey;
import io.switchboard.auth.jwks.service.SigningKeys;
import io.switchboard.auth.session.Session;
import io.switchboard.defaults.security.Roles;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/**
 * Signs access tokens: {@code iss, aud, sub} (user id), {@code sid} (session), {@code jti, iat,
 * exp, groups} (roles), {@code typ=access}, {@code upn} (username), with the active key's {@code
 * kid} in the header.
 */
@ApplicationScoped
public class TokenIssuer {

  public static final String ACCESS = "access";
  public static final String SERVICE = "service";

  private final AuthConfig.Tokens config;
  private final Duration serviceLifetime;
  private final SigningKeys keys;

  public TokenIssuer(AuthConfig config, ServiceTokenConfig services, SigningKeys keys) {
    this.config = config.tokens();
    this.serviceLifetime = services.lifetime();
    this.keys = keys;
  }

  public IssuedToken issue(User user, Session session) {
    SigningKey key = keys.active();
    String token =
        Jwt.issuer(config.issuer())
            .audience(config.audience())
            .subject(user.id.toString())
            .upn(user.username)
            .groups(user.roleSet())
            .claim("sid", session.id.toString())
            .claim("typ", ACCESS)
            .claim("jti", UUID.randomUUID().toString())
            .issuedAt(Instant.now())
            .expiresAt(session.expiresAt)
            .jws()
            .algorithm(SignatureAlgorithm.RS256)
            .keyId(key.kid())
            .sign(key.privateKey());
    return new IssuedToken(token, session.expiresAt);
  }

  /**
   * A service token: {@code sub} the service name, role and {@code typ} {@code service}, no session
   * (it is never revoked; it just expires soon).
   */
  public IssuedToken issueService(String serviceName) {
    SigningKey key = keys.active();
    Instant now = Instant.now();
    Instant expiresAt = now.plus(serviceLifetime);
    String token =
        Jwt.issuer(config.issuer())
            .audience(config.audience())
            .subject(serviceName)
            .groups(Set.of(Roles.SERVICE))
            .claim("typ", SERVICE)
            .claim("jti", UUID.randomUUID().toString())
            .issuedAt(now)
            .expiresAt(expiresAt)
            .jws()
            .algorithm(SignatureAlgorithm.RS256)
            .keyId(key.kid())
            .sign(key.privateKey());
    return new IssuedToken(token, expiresAt);
  }
}
