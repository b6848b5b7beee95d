package io.switchboard.auth.jwks.service;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An RSA signing key with its key id: the RFC 7638 thumbprint of the public key, so the same key
 * always has the same {@code kid} on every replica and after every restart.
 */
public record SigningKey(String kid, PrivateKey privateKey, RSAPublicKey publicKey) {

  public static final String ALGORITHM = "RS256";

  public static SigningKey of(PrivateKey privateKey, RSAPublicKey publicKey) {
    return new SigningKey(thumbprint(publicKey), privateKey, publicKey);
  }

  /** The public half as a JWK ({@code kty, use, alg, kid, n, e}). */
  public Map<String, String> toJwk() {
    Map<String, String> jwk = new LinkedHashMap<>();
    jwk.put("kty", "RSA");
    jwk.put("use", "sig");
    jwk.put("alg", ALGORITHM);
    jwk.put("kid", kid);
    jwk.put("n", base64Url(publicKey.getModulus()));
    jwk.put("e", base64Url(publicKey.getPublicExponent()));
    return jwk;
  }

  private static String thumbprint(RSAPublicKey key) {
    String canonical =
        "{\"e\":\""
            + base64Url(key.getPublicExponent())
            + "\",\"kty\":\"RSA\",\"n\":\""
            + base64Url(key.getModulus())
            + "\"}";
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is always available", e);
    }
  }

  private static String base64Url(BigInteger value) {
    byte[] bytes = value.toByteArray();
    int start = bytes.length > 1 && bytes[0] == 0 ? 1 : 0;
    byte[] unsigned = new byte[bytes.length - start];
    System.arraycopy(bytes, start, unsigned, 0, unsigned.length);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(unsigned);
  }
}
