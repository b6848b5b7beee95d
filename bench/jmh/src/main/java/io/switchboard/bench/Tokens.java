package io.switchboard.bench;

import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.build.Jwt;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;

/** Keys, tokens and consumers shaped like the platform's (auth-service's TokenIssuer). */
final class Tokens {

  static final String ISSUER = "https://switchboard.local/auth";
  static final String AUDIENCE = "switchboard";

  private Tokens() {}

  static KeyPair keyPair(String alg) throws Exception {
    return switch (alg) {
      case "RS256" -> {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        yield generator.generateKeyPair();
      }
      case "ES256" -> {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        yield generator.generateKeyPair();
      }
      default -> throw new IllegalArgumentException(alg);
    };
  }

  /** An access token with the platform's claims, as TokenIssuer builds it. */
  static String sign(String alg, KeyPair keys) {
    Instant now = Instant.now();
    return Jwt.issuer(ISSUER)
        .audience(AUDIENCE)
        .subject("0b7c6f2e-4d55-4b8a-9a51-3f0f6c0f9d21")
        .upn("alice")
        .groups(Set.of("user"))
        .claim("sid", "5f0e7d1c-2b3a-4e59-8c7d-6a5b4c3d2e1f")
        .claim("typ", "access")
        .claim("jti", UUID.randomUUID().toString())
        .issuedAt(now)
        .expiresAt(now.plusSeconds(3600))
        .jws()
        .algorithm(SignatureAlgorithm.fromAlgorithm(alg))
        .keyId("bench-" + alg.toLowerCase())
        .sign(keys.getPrivate());
  }

  /** A verifier that checks signature, algorithm, issuer, audience, expiry and subject. */
  static JwtConsumer consumer(String alg, KeyPair keys) {
    return new JwtConsumerBuilder()
        .setVerificationKey(keys.getPublic())
        .setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT, alg)
        .setExpectedIssuer(ISSUER)
        .setExpectedAudience(AUDIENCE)
        .setRequireExpirationTime()
        .setRequireIssuedAt()
        .setRequireSubject()
        .setRequireJwtId()
        .setAllowedClockSkewInSeconds(30)
        .build();
  }

  static JwtClaims verify(JwtConsumer consumer, String token) throws Exception {
    JwtClaims claims = consumer.processToClaims(token);
    if (!"access".equals(claims.getStringClaimValue("typ"))) {
      throw new IllegalStateException("typ");
    }
    return claims;
  }
}
