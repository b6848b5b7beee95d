package io.switchboard.testing;

import java.nio.charset.StandardCharsets;
import java.security.Key;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Stream;
import javax.crypto.spec.SecretKeySpec;
import org.jose4j.jwk.EcJwkGenerator;
import org.jose4j.jwk.RsaJwkGenerator;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.keys.EllipticCurves;
import org.junit.jupiter.params.provider.Arguments;

/**
 * The tokens an attacker would try, each of which every verifier (the gateway and every service)
 * must refuse with 401. Built against a given signing key, so the same suite runs against a test
 * app ({@link TestKeys}) and against a running stack (its own key).
 */
public final class HostileTokens {

  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

  private final PrivateKey key;
  private final PublicKey publicKey;
  private final String kid;
  private final String issuer;
  private final String audience;

  public HostileTokens(
      PrivateKey key, PublicKey publicKey, String kid, String issuer, String audience) {
    this.key = key;
    this.publicKey = publicKey;
    this.kid = kid;
    this.issuer = issuer;
    this.audience = audience;
  }

  /** Against the test key pair and the platform's test issuer and audience. */
  public static HostileTokens forTests() {
    return new HostileTokens(
        TestKeys.pair().getPrivate(),
        TestKeys.pair().getPublic(),
        TestKeys.KEY_ID,
        TestTokens.ISSUER,
        TestTokens.AUDIENCE);
  }

  /**
   * The suite against the test key as JUnit arguments (name, token), for
   * {@code @MethodSource("io.switchboard.testing.HostileTokens#arguments")}.
   */
  public static Stream<Arguments> arguments() throws Exception {
    return forTests().all().entrySet().stream().map(e -> Arguments.of(e.getKey(), e.getValue()));
  }

  /** A correctly signed user token: the control every hostile one is a variation of. */
  public String valid() {
    return sign(claims(c -> {}), jws -> {});
  }

  /** Name → token, every one of which must get a 401. */
  public Map<String, String> all() throws Exception {
    Map<String, String> tokens = new LinkedHashMap<>();
    String valid = valid();
    String[] parts = valid.split("\\.");
    for (String none : List.of("none", "None", "NONE", "nOnE")) {
      tokens.put(
          "alg " + none,
          header("{\"alg\":\"" + none + "\",\"typ\":\"JWT\"}") + "." + parts[1] + ".");
    }
    tokens.put("signature stripped", parts[0] + "." + parts[1] + ".");
    tokens.put(
        "signature zeroed", parts[0] + "." + parts[1] + "." + B64.encodeToString(new byte[256]));
    tokens.put("payload tampered", parts[0] + "." + tamper(parts[1]) + "." + parts[2]);
    tokens.put(
        "HS256 keyed with the public key",
        signWith(
            new SecretKeySpec(publicKey.getEncoded(), "HmacSHA256"),
            claims(c -> {}),
            jws -> {
              jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.HMAC_SHA256);
              jws.setKeyIdHeaderValue(kid);
              jws.setDoKeyValidation(false);
            }));
    tokens.put(
        "ES256 with r=s=0 (CVE-2022-21449)",
        header("{\"alg\":\"ES256\",\"kid\":\"" + kid + "\"}")
            + "."
            + parts[1]
            + "."
            + B64.encodeToString(new byte[64]));
    tokens.put(
        "expired",
        sign(
            claims(
                c -> {
                  c.setIssuedAt(
                      NumericDate.fromSeconds(Instant.now().minusSeconds(7200).getEpochSecond()));
                  c.setExpirationTime(
                      NumericDate.fromSeconds(Instant.now().minusSeconds(3600).getEpochSecond()));
                }),
            jws -> {}));
    tokens.put("no exp", sign(claims(c -> c.unsetClaim("exp")), jws -> {}));
    tokens.put(
        "nbf in the future",
        sign(
            claims(
                c ->
                    c.setNotBefore(
                        NumericDate.fromSeconds(Instant.now().plusSeconds(3600).getEpochSecond()))),
            jws -> {}));
    tokens.put("wrong iss", sign(claims(c -> c.setIssuer("https://evil.example")), jws -> {}));
    tokens.put("wrong aud", sign(claims(c -> c.setAudience("someone-else")), jws -> {}));
    tokens.put("wrong typ", sign(claims(c -> c.setClaim("typ", "refresh")), jws -> {}));
    tokens.put(
        "user token claiming the service role",
        sign(claims(c -> c.setStringListClaim("groups", List.of("user", "service"))), jws -> {}));
    tokens.put(
        "service token claiming the admin role",
        sign(
            claims(
                c -> {
                  c.setClaim("typ", "service");
                  c.setStringListClaim("groups", List.of("service", "admin"));
                }),
            jws -> {}));
    tokens.put("unknown kid", sign(claims(c -> {}), jws -> jws.setKeyIdHeaderValue("no-such-key")));
    tokens.put(
        "kid path traversal",
        sign(claims(c -> {}), jws -> jws.setKeyIdHeaderValue("../../../../etc/passwd")));
    var attackerRsa = RsaJwkGenerator.generateJwk(2048);
    tokens.put(
        "embedded jwk of the attacker",
        signWith(
            attackerRsa.getPrivateKey(),
            claims(c -> {}),
            jws -> jws.getHeaders().setJwkHeaderValue("jwk", attackerRsa)));
    tokens.put(
        "jku to the attacker",
        signWith(
            attackerRsa.getPrivateKey(),
            claims(c -> {}),
            jws -> jws.setHeader("jku", "https://evil.example/jwks.json")));
    tokens.put(
        "x5u to the attacker",
        signWith(
            attackerRsa.getPrivateKey(),
            claims(c -> {}),
            jws -> jws.setHeader("x5u", "https://evil.example/cert.pem")));
    tokens.put(
        "signed by a key that is not ours",
        signWith(attackerRsa.getPrivateKey(), claims(c -> {}), jws -> {}));
    var attackerEc = EcJwkGenerator.generateJwk(EllipticCurves.P256);
    tokens.put(
        "ES256 by an attacker",
        signWith(
            attackerEc.getPrivateKey(),
            claims(c -> {}),
            jws ->
                jws.setAlgorithmHeaderValue(
                    AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256)));
    tokens.put(
        "oversized (over 8 KiB)",
        sign(claims(c -> c.setClaim("padding", "x".repeat(9000))), jws -> {}));
    return tokens;
  }

  private JwtClaims claims(Consumer<JwtClaims> change) {
    JwtClaims claims = new JwtClaims();
    claims.setIssuer(issuer);
    claims.setAudience(audience);
    claims.setSubject(UUID.randomUUID().toString());
    claims.setGeneratedJwtId();
    claims.setIssuedAtToNow();
    claims.setExpirationTimeMinutesInTheFuture(10);
    claims.setStringListClaim("groups", List.of("user", "admin"));
    claims.setClaim("sid", UUID.randomUUID().toString());
    claims.setClaim("typ", "access");
    change.accept(claims);
    return claims;
  }

  private String sign(JwtClaims claims, Consumer<JsonWebSignature> change) {
    return signWith(
        key,
        claims,
        jws -> {
          jws.setKeyIdHeaderValue(kid);
          change.accept(jws);
        });
  }

  private static String signWith(Key with, JwtClaims claims, Consumer<JsonWebSignature> change) {
    try {
      JsonWebSignature jws = new JsonWebSignature();
      jws.setPayload(claims.toJson());
      jws.setKey(with);
      jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
      change.accept(jws);
      return jws.getCompactSerialization();
    } catch (Exception e) {
      throw new IllegalStateException("Could not build a test token", e);
    }
  }

  private static String header(String json) {
    return B64.encodeToString(json.getBytes(StandardCharsets.UTF_8));
  }

  private static String tamper(String payload) {
    String json = new String(Base64.getUrlDecoder().decode(payload), StandardCharsets.UTF_8);
    return B64.encodeToString(
        json.replace("\"user\",\"admin\"", "\"user\",\"admin\",\"service\"")
            .getBytes(StandardCharsets.UTF_8));
  }
}
