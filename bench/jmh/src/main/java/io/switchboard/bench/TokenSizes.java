package io.switchboard.bench;

import java.security.KeyPair;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.jwk.JsonWebKey;

/**
 * Prints, per algorithm, a tab-separated line: alg, token bytes, signature bytes (base64url),
 * public key bytes (X.509), public JWK bytes (JSON), private key bytes (PKCS#8). Not a benchmark.
 */
public final class TokenSizes {
  public static void main(String[] args) throws Exception {
    for (String alg : new String[] {"RS256", "ES256"}) {
      KeyPair keys = Tokens.keyPair(alg);
      String token = Tokens.sign(alg, keys);
      Tokens.verify(Tokens.consumer(alg, keys), token);
      String signature = token.substring(token.lastIndexOf('.') + 1);
      PublicJsonWebKey jwk = PublicJsonWebKey.Factory.newPublicJwk(keys.getPublic());
      jwk.setKeyId("bench-" + alg.toLowerCase());
      jwk.setAlgorithm(alg);
      jwk.setUse("sig");
      String keyDescription =
          keys.getPublic() instanceof RSAPublicKey rsa
              ? "RSA " + rsa.getModulus().bitLength()
              : "EC " + ((ECPublicKey) keys.getPublic()).getParams().getCurve().getField().getFieldSize();
      System.out.println(
          String.join(
              "\t",
              alg,
              String.valueOf(token.length()),
              String.valueOf(signature.length()),
              String.valueOf(keys.getPublic().getEncoded().length),
              String.valueOf(jwk.toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY).length()),
              String.valueOf(keys.getPrivate().getEncoded().length),
              keyDescription));
    }
  }
}
