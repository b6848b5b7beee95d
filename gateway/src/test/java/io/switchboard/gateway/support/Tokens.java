package io.switchboard.gateway.support;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;
import org.eclipse.microprofile.config.ConfigProvider;

/** Mints bearer tokens for tests, signed with the key {@link FakeServices} publishes. */
public final class Tokens {

  static final String SIGNING_KEY = "switchboard.test.signing-key";
  static final String KEY_ID = "test-key-1";

  private Tokens() {}

  /** A fresh, valid token (each call a new {@code jti}, so never already verified). */
  public static String valid() {
    return sign(claims());
  }

  /** The claims of a valid user token, ready to be changed. */
  public static JwtClaimsBuilder claims() {
    return Jwt.issuer(config("switchboard.jwt.issuer"))
        .audience(config("switchboard.jwt.audience"))
        .subject(UUID.randomUUID().toString())
        .groups("user")
        .claim("sid", UUID.randomUUID().toString())
        .claim("typ", "access");
  }

  public static String sign(JwtClaimsBuilder claims) {
    return sign(claims, TestKeys.privateKey(config(SIGNING_KEY)));
  }

  public static String sign(JwtClaimsBuilder claims, PrivateKey key) {
    return claims.jws().keyId(KEY_ID).sign(key);
  }

  public static String expired() {
    Instant now = Instant.now();
    return sign(claims().issuedAt(now.minusSeconds(7200)).expiresAt(now.minusSeconds(3600)));
  }

  /** A token with {@code "alg":"none"} and no signature, claims otherwise valid. */
  public static String unsigned() {
    String header = encode("{\"alg\":\"none\",\"typ\":\"JWT\",\"kid\":\"" + KEY_ID + "\"}");
    String valid = valid();
    String payload = valid.split("\\.")[1];
    return header + "." + payload + ".";
  }

  /** A valid token whose payload was changed after signing (another subject). */
  public static String tampered() {
    String[] parts = valid().split("\\.");
    String payload =
        new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
            .replaceFirst("\"sub\":\"[^\"]+\"", "\"sub\":\"someone-else\"");
    return parts[0] + "." + encode(payload) + "." + parts[2];
  }

  private static String encode(String json) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(json.getBytes(StandardCharsets.UTF_8));
  }

  private static String config(String key) {
    return ConfigProvider.getConfig().getValue(key, String.class);
  }
}
