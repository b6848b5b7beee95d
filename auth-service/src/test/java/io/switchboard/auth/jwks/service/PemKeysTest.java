package io.switchboard.auth.jwks.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class PemKeysTest {

  private static String pem(String label, byte[] der) {
    return "-----BEGIN "
        + label
        + "-----\n"
        + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
        + "\n-----END "
        + label
        + "-----\n";
  }

  @Test
  void shouldReadPkcs1KeysAsHelmAndOpensslGenrsaWriteThem() throws Exception {
    for (int bits : new int[] {1024, 2048, 4096}) {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(bits);
      PrivateKey key = generator.generateKeyPair().getPrivate();
      byte[] pkcs8 = key.getEncoded();
      // PrivateKeyInfo: the PKCS#1 key is the content of the OCTET STRING at its end.
      byte[] pkcs1 = Arrays.copyOfRange(pkcs8, pkcs8.length - pkcs1Length(pkcs8), pkcs8.length);
      byte[] read = PemKeys.pkcs8(pem("RSA PRIVATE KEY", pkcs1));
      assertThat(read).isEqualTo(pkcs8);
      PrivateKey parsed =
          KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(read));
      assertThat(parsed).isEqualTo(key);
    }
  }

  @Test
  void shouldReadPkcs8AsIsAndRefuseAnythingElse() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    byte[] pkcs8 = generator.generateKeyPair().getPrivate().getEncoded();
    assertThat(PemKeys.pkcs8(pem("PRIVATE KEY", pkcs8))).isEqualTo(pkcs8);
    assertThat(PemKeys.pkcs8(pem("CERTIFICATE", pkcs8))).isNull();
    assertThat(PemKeys.pkcs8("not a pem")).isNull();
  }

  /**
   * Length of the OCTET STRING content that ends a PrivateKeyInfo (after the 15-byte algorithm).
   */
  private static int pkcs1Length(byte[] pkcs8) {
    int i = 0;
    i++; // SEQUENCE
    i += lengthBytes(pkcs8, i);
    i += 3; // INTEGER 0
    i += 15; // AlgorithmIdentifier
    i++; // OCTET STRING
    return pkcs8.length - i - lengthBytes(pkcs8, i);
  }

  private static int lengthBytes(byte[] der, int at) {
    return (der[at] & 0x80) == 0 ? 1 : 1 + (der[at] & 0x7f);
  }
}
