package io.switchboard.e2e;

import io.switchboard.testing.HostileTokens;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;

/**
 * Tokens for black-box tests, signed with the running stack's own key (read from its data
 * directory, as an operator with access to the Secret could) or with a stranger's key.
 */
final class StackTokens {

  static final String ISSUER = "https://switchboard.local";
  static final String AUDIENCE = "switchboard";

  private final PrivateKey stackKey;
  private final String kid;

  StackTokens(Path dataDir, String kid) throws Exception {
    String pem =
        Files.readString(dataDir.resolve("auth/signing-key.pem"), StandardCharsets.US_ASCII);
    String body = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
    this.stackKey =
        KeyFactory.getInstance("RSA")
            .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(body)));
    this.kid = kid;
  }

  /** The hostile-token suite against this stack's own key. */
  HostileTokens hostile() throws Exception {
    RSAPrivateCrtKey crt = (RSAPrivateCrtKey) stackKey;
    PublicKey publicKey =
        KeyFactory.getInstance("RSA")
            .generatePublic(new RSAPublicKeySpec(crt.getModulus(), crt.getPublicExponent()));
    return new HostileTokens(stackKey, publicKey, kid, ISSUER, AUDIENCE);
  }

  String valid(UUID userId) throws Exception {
    return sign(claims(userId, Instant.now().plusSeconds(600)), stackKey);
  }

  /** A token for no account with the {@code admin} role too (the global model registry). */
  String admin(UUID userId) throws Exception {
    JwtClaims claims = claims(userId, Instant.now().plusSeconds(600));
    claims.setStringListClaim("groups", List.of("user", "admin"));
    return sign(claims, stackKey);
  }

  String expired(UUID userId) throws Exception {
    return sign(claims(userId, Instant.now().minusSeconds(600)), stackKey);
  }

  String signedByStranger(UUID userId) throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    return sign(
        claims(userId, Instant.now().plusSeconds(600)), generator.generateKeyPair().getPrivate());
  }

  private static JwtClaims claims(UUID userId, Instant expiresAt) {
    JwtClaims claims = new JwtClaims();
    claims.setIssuer(ISSUER);
    claims.setAudience(AUDIENCE);
    claims.setSubject(userId.toString());
    claims.setGeneratedJwtId();
    claims.setIssuedAt(NumericDate.fromSeconds(expiresAt.getEpochSecond() - 900));
    claims.setExpirationTime(NumericDate.fromSeconds(expiresAt.getEpochSecond()));
    claims.setStringListClaim("groups", List.of("user"));
    claims.setClaim("sid", UUID.randomUUID().toString());
    claims.setClaim("typ", "access");
    return claims;
  }

  private String sign(JwtClaims claims, PrivateKey key) throws Exception {
    JsonWebSignature jws = new JsonWebSignature();
    jws.setPayload(claims.toJson());
    jws.setKey(key);
    jws.setKeyIdHeaderValue(kid);
    jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
    return jws.getCompactSerialization();
  }
}
