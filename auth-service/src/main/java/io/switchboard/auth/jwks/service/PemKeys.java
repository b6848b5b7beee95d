package io.switchboard.auth.jwks.service;

import java.io.ByteArrayOutputStream;
import java.util.Base64;

/**
 * Reads an RSA private key from PEM: PKCS#8 ({@code BEGIN PRIVATE KEY}, what this service and
 * {@code openssl genpkey} write) or PKCS#1 ({@code BEGIN RSA PRIVATE KEY}, what {@code openssl
 * genrsa} and Helm's {@code genPrivateKey "rsa"} write), always returned as PKCS#8 DER.
 */
final class PemKeys {

  static final String PKCS8_HEADER = "-----BEGIN PRIVATE KEY-----";
  static final String PKCS8_FOOTER = "-----END PRIVATE KEY-----";
  private static final String PKCS1_HEADER = "-----BEGIN RSA PRIVATE KEY-----";
  private static final String PKCS1_FOOTER = "-----END RSA PRIVATE KEY-----";

  /** AlgorithmIdentifier { rsaEncryption (1.2.840.113549.1.1.1), NULL }. */
  private static final byte[] RSA_ALGORITHM = {
    0x30,
    0x0d,
    0x06,
    0x09,
    0x2a,
    (byte) 0x86,
    0x48,
    (byte) 0x86,
    (byte) 0xf7,
    0x0d,
    0x01,
    0x01,
    0x01,
    0x05,
    0x00
  };

  private PemKeys() {}

  /** The PKCS#8 DER bytes of the key in {@code pem}, or null when it holds neither form. */
  static byte[] pkcs8(String pem) {
    byte[] pkcs8 = body(pem, PKCS8_HEADER, PKCS8_FOOTER);
    if (pkcs8 != null) {
      return pkcs8;
    }
    byte[] pkcs1 = body(pem, PKCS1_HEADER, PKCS1_FOOTER);
    return pkcs1 == null ? null : wrap(pkcs1);
  }

  private static byte[] body(String pem, String header, String footer) {
    int start = pem.indexOf(header);
    int end = pem.indexOf(footer);
    if (start < 0 || end < start) {
      return null;
    }
    return Base64.getDecoder()
        .decode(pem.substring(start + header.length(), end).replaceAll("\\s", ""));
  }

  /** PrivateKeyInfo { version 0, rsaEncryption, OCTET STRING { the PKCS#1 key } } (RFC 5208). */
  static byte[] wrap(byte[] pkcs1) {
    ByteArrayOutputStream content = new ByteArrayOutputStream();
    content.writeBytes(new byte[] {0x02, 0x01, 0x00});
    content.writeBytes(RSA_ALGORITHM);
    content.write(0x04);
    content.writeBytes(length(pkcs1.length));
    content.writeBytes(pkcs1);
    ByteArrayOutputStream info = new ByteArrayOutputStream();
    info.write(0x30);
    info.writeBytes(length(content.size()));
    info.writeBytes(content.toByteArray());
    return info.toByteArray();
  }

  /** A DER length: short form below 128, else 0x80|n followed by n big-endian bytes. */
  private static byte[] length(int length) {
    if (length < 0x80) {
      return new byte[] {(byte) length};
    }
    int bytes = length > 0xffffff ? 4 : length > 0xffff ? 3 : length > 0xff ? 2 : 1;
    byte[] out = new byte[bytes + 1];
    out[0] = (byte) (0x80 | bytes);
    for (int i = 0; i < bytes; i++) {
      out[bytes - i] = (byte) (length >>> (8 * i));
    }
    return out;
  }
}
