package io.switchboard.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/**
 * The RSA key pair test tokens are signed with. Generated once per JVM at test time and never
 * committed. It lives in two temp files named by a system property, because Quarkus loads the test
 * resource and the tests in different class loaders that share nothing else.
 */
public final class TestKeys {

  public static final String KEY_ID = "test-key-1";
  private static final String KEY_DIR_PROPERTY = "switchboard.test.key-dir";

  private static KeyPair pair;

  private TestKeys() {}

  /** This JVM's test key pair. */
  public static synchronized KeyPair pair() {
    if (pair == null) {
      String dir = System.getProperty(KEY_DIR_PROPERTY);
      pair = dir == null ? generateAndStore() : read(Path.of(dir));
    }
    return pair;
  }

  /** A JWKS document with the test public key, as auth-service serves its own. */
  public static String jwks() {
    RSAPublicKey key = (RSAPublicKey) pair().getPublic();
    Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
    return "{\"keys\":[{\"kty\":\"RSA\",\"use\":\"sig\",\"alg\":\"RS256\",\"kid\":\""
        + KEY_ID
        + "\",\"n\":\""
        + b64.encodeToString(unsigned(key.getModulus().toByteArray()))
        + "\",\"e\":\""
        + b64.encodeToString(unsigned(key.getPublicExponent().toByteArray()))
        + "\"}]}";
  }

  /** A fresh pair nobody trusts, for "signed by another key" cases. */
  public static KeyPair generate() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static KeyPair generateAndStore() {
    KeyPair generated = generate();
    try {
      Path dir = Files.createTempDirectory("switchboard-test-keys");
      Files.write(dir.resolve("private.der"), generated.getPrivate().getEncoded());
      Files.write(dir.resolve("public.der"), generated.getPublic().getEncoded());
      dir.resolve("private.der").toFile().deleteOnExit();
      dir.resolve("public.der").toFile().deleteOnExit();
      dir.toFile().deleteOnExit();
      System.setProperty(KEY_DIR_PROPERTY, dir.toString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return generated;
  }

  private static KeyPair read(Path dir) {
    try {
      KeyFactory rsa = KeyFactory.getInstance("RSA");
      return new KeyPair(
          rsa.generatePublic(new X509EncodedKeySpec(Files.readAllBytes(dir.resolve("public.der")))),
          rsa.generatePrivate(
              new PKCS8EncodedKeySpec(Files.readAllBytes(dir.resolve("private.der")))));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] unsigned(byte[] bytes) {
    if (bytes.length > 1 && bytes[0] == 0) {
      byte[] trimmed = new byte[bytes.length - 1];
      System.arraycopy(bytes, 1, trimmed, 0, trimmed.length);
      return trimmed;
    }
    return bytes;
  }
}
