package io.switchboard.testing;

import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.time.Instant;
import java.util.Base64;
import java.util.Set;
import java.util.UUID;
import javax.crypto.spec.SecretKeySpec;

/**
 * Mints bearer tokens for tests, signed with {@link TestKeys} and carrying the claims auth-service
 * issues ({@code iss, aud, sub, sid, jti, groups, typ, iat, exp}); plus the broken ones every
 * security test needs.
 */
public final class TestTokens {

  public static final String ISSUER = "https://switchboard.local";
  public static final String AUDIENCE = "switchboard";

  /** The client secret every service under test presents for a service token. */
  public static final String SERVICE_SECRET = "test-service-secret";

  private TestTokens() {}

  /** A valid user token for a fresh user (each call a new user, session and {@code jti}). */
  public static String user() {
    return user(UUID.randomUUID());
  }

  public static String user(UUID userId) {
    return sign(claims(userId, Set.of("user")));
  }

  public static String admin(UUID userId) {
    return sign(claims(userId, Set.of("user", "admin")));
  }

  /** A service token (role {@code service}) for {@code /internal/*} calls. */
  public static String service(String serviceName) {
    return sign(
        Jwt.issuer(ISSUER)
            .audience(AUDIENCE)
            .subject(serviceName)
            .groups(Set.of("service"))
            .claim("typ", "service")
            .expiresIn(300));
  }

  /**
   * The service named by an HTTP Basic {@code Authorization} header carrying {@link
   * #SERVICE_SECRET}, or {@code null}.
   */
  public static String serviceNameOf(String authorization) {
    if (authorization == null || !authorization.startsWith("Basic ")) {
      return null;
    }
    String pair;
    try {
      pair =
          new String(
              Base64.getDecoder().decode(authorization.substring(6)), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return null;
    }
    int colon = pair.indexOf(':');
    boolean valid = colon > 0 && SERVICE_SECRET.equals(pair.substring(colon + 1));
    return valid ? pair.substring(0, colon) : null;
  }

  public static String expired(UUID userId) {
    Instant past = Instant.now().minusSeconds(3600);
    return sign(claims(userId, Set.of("user")).issuedAt(past).expiresAt(past.plusSeconds(60)));
  }

  public static String wrongIssuer(UUID userId) {
    return sign(claims(userId, Set.of("user")).issuer("https://evil.example"));
  }

  public static String wrongAudience(UUID userId) {
    return sign(claims(userId, Set.of("user")).audience("someone-else"));
  }

  /** Well formed, but signed by a key the platform does not trust. */
  public static String otherKey(UUID userId) {
    return claims(userId, Set.of("user"))
        .jws()
        .keyId(TestKeys.KEY_ID)
        .sign(TestKeys.generate().getPrivate());
  }

  /**
   * The algorithm-confusion attack: HS256, keyed with the bytes of the platform's public key, which
   * a verifier that trusted the token's {@code alg} header would accept.
   */
  public static String hmacWithPublicKey(UUID userId) {
    byte[] publicKey = TestKeys.pair().getPublic().getEncoded();
    return claims(userId, Set.of("user", "admin"))
        .jws()
        .algorithm(SignatureAlgorithm.HS256)
        .keyId(TestKeys.KEY_ID)
        .sign(new SecretKeySpec(publicKey, "HmacSHA256"));
  }

  /** A valid token whose payload was changed after signing (another subject). */
  public static String tampered(UUID userId) {
    String[] parts = user(userId).split("\\.");
    String payload =
        new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
            .replaceFirst("\"sub\":\"[^\"]+\"", "\"sub\":\"someone-else\"");
    return parts[0]
        + "."
        + Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString(payload.getBytes(StandardCharsets.UTF_8))
        + "."
        + parts[2];
  }

  /** An unsigned token ({@code alg:none}) with otherwise valid claims. */
  public static String algNone(UUID userId) {
    Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
    long now = Instant.now().getEpochSecond();
    String header = "{\"alg\":\"none\",\"typ\":\"JWT\"}";
    String payload =
        "{\"iss\":\""
            + ISSUER
            + "\",\"aud\":\""
            + AUDIENCE
            + "\",\"sub\":\""
            + userId
            + "\",\"groups\":[\"user\",\"admin\"],\"iat\":"
            + now
            + ",\"exp\":"
            + (now + 300)
            + ",\"jti\":\""
            + UUID.randomUUID()
            + "\"}";
    return b64.encodeToString(header.getBytes(StandardCharsets.UTF_8))
        + "."
        + b64.encodeToString(payload.getBytes(StandardCharsets.UTF_8))
        + ".";
  }

  /** The standard claims for a user, to be adjusted before {@link #sign(JwtClaimsBuilder)}. */
  public static JwtClaimsBuilder claims(UUID userId, Set<String> roles) {
    return Jwt.issuer(ISSUER)
        .audience(AUDIENCE)
        .subject(userId.toString())
        .groups(roles)
        .claim("sid", UUID.randomUUID().toString())
        .claim("typ", "access")
        .expiresIn(900);
  }

  public static String sign(JwtClaimsBuilder claims) {
    PrivateKey key = TestKeys.pair().getPrivate();
    return claims.jws().keyId(TestKeys.KEY_ID).sign(key);
  }
}
