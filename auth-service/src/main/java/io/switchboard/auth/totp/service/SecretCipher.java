package io.switchboard.auth.totp.service;

import io.quarkus.runtime.Startup;
import io.switchboard.auth.totp.TotpConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.UUID;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

/**
 * Encrypts TOTP secrets at rest with AES-256-GCM. A ciphertext is a format byte, a random 12-byte
 * nonce, then the encrypted secret and its 16-byte tag; the account id is the associated data, so a
 * ciphertext moved to another account fails to decrypt. The key comes from {@link TotpKeys}.
 */
@Startup
@ApplicationScoped
public class SecretCipher {

  private static final byte FORMAT_V1 = 1;
  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;

  private final SecretKey key;
  private final SecureRandom random = new SecureRandom();

  @Inject
  public SecretCipher(TotpConfig config) {
    this(TotpKeys.load(config));
  }

  SecretCipher(SecretKey key) {
    this.key = key;
  }

  public byte[] encrypt(byte[] secret, UUID userId) {
    byte[] nonce = new byte[NONCE_BYTES];
    random.nextBytes(nonce);
    byte[] sealed = run(Cipher.ENCRYPT_MODE, nonce, userId, secret);
    return ByteBuffer.allocate(1 + NONCE_BYTES + sealed.length)
        .put(FORMAT_V1)
        .put(nonce)
        .put(sealed)
        .array();
  }

  /** Decrypts; throws when the ciphertext was altered, belongs to another account or key. */
  public byte[] decrypt(byte[] stored, UUID userId) {
    if (stored.length < 1 + NONCE_BYTES || stored[0] != FORMAT_V1) {
      throw new IllegalStateException("Unknown TOTP secret format");
    }
    ByteBuffer buffer = ByteBuffer.wrap(stored, 1, stored.length - 1);
    byte[] nonce = new byte[NONCE_BYTES];
    buffer.get(nonce);
    byte[] sealed = new byte[buffer.remaining()];
    buffer.get(sealed);
    return run(Cipher.DECRYPT_MODE, nonce, userId, sealed);
  }

  private byte[] run(int mode, byte[] nonce, UUID userId, byte[] input) {
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
      cipher.updateAAD(
          ByteBuffer.allocate(16)
              .putLong(userId.getMostSignificantBits())
              .putLong(userId.getLeastSignificantBits())
              .array());
      return cipher.doFinal(input);
    } catch (GeneralSecurityException e) {
      String what = mode == Cipher.ENCRYPT_MODE ? "sealed" : "opened";
      throw new IllegalStateException("A TOTP secret could not be " + what, e);
    }
  }
}
