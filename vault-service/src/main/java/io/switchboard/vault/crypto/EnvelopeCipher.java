package io.switchboard.vault.crypto;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Envelope encryption: every value gets a fresh 256-bit data key; the value is sealed with
 * AES-256-GCM (associated data {@code credentialId:version}) and the data key is wrapped with
 * AES-256-GCM under a numbered master key (associated data {@code credentialId}). A sealed blob is
 * {@code IV (12 bytes) || ciphertext || tag (16 bytes)}.
 */
public final class EnvelopeCipher {

  private static final int IV_BYTES = 12;
  private static final int TAG_BITS = 128;
  private static final int KEY_BYTES = 32;

  /** The stored form of one value. */
  public record Sealed(byte[] ciphertext, byte[] wrappedDataKey, int masterKeyVersion) {}

  /** A value that cannot be decrypted: tampered, moved, or wrapped by a retired master key. */
  public static final class UnreadableException extends Exception {
    public UnreadableException(String message) {
      super(message, null, false, false);
    }
  }

  private final SecureRandom random = new SecureRandom();
  private final Map<Integer, SecretKey> masterKeys;
  private final int activeVersion;
  private final int minVersion;

  public EnvelopeCipher(Map<Integer, byte[]> masterKeys, int activeVersion, int minVersion) {
    Map<Integer, SecretKey> keys = new TreeMap<>();
    masterKeys.forEach(
        (version, key) -> {
          if (key.length != KEY_BYTES) {
            throw new IllegalStateException(
                "Master key version " + version + " must be 32 bytes, is " + key.length);
          }
          keys.put(version, new SecretKeySpec(key, "AES"));
        });
    if (!keys.containsKey(activeVersion)) {
      throw new IllegalStateException("No master key of the active version " + activeVersion);
    }
    if (activeVersion < minVersion) {
      throw new IllegalStateException(
          "The active master key version " + activeVersion + " is below the minimum " + minVersion);
    }
    this.masterKeys = Map.copyOf(keys);
    this.activeVersion = activeVersion;
    this.minVersion = minVersion;
  }

  public int activeVersion() {
    return activeVersion;
  }

  public Sealed seal(UUID credentialId, int version, String value) {
    byte[] dataKey = new byte[KEY_BYTES];
    random.nextBytes(dataKey);
    try {
      byte[] ciphertext =
          encrypt(
              new SecretKeySpec(dataKey, "AES"),
              value.getBytes(StandardCharsets.UTF_8),
              valueAad(credentialId, version));
      byte[] wrapped = encrypt(masterKeys.get(activeVersion), dataKey, keyAad(credentialId));
      return new Sealed(ciphertext, wrapped, activeVersion);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is not available", e);
    } finally {
      Arrays.fill(dataKey, (byte) 0);
    }
  }

  /** The master key of {@code version}, unless it is retired or unknown. */
  private SecretKey usableMasterKey(int version) throws UnreadableException {
    if (version < minVersion) {
      throw new UnreadableException(
          "master key version " + version + " is retired (minimum " + minVersion + ")");
    }
    SecretKey master = masterKeys.get(version);
    if (master == null) {
      throw new UnreadableException("no master key of version " + version);
    }
    return master;
  }

  public String open(UUID credentialId, int version, Sealed sealed) throws UnreadableException {
    SecretKey master = usableMasterKey(sealed.masterKeyVersion());
    byte[] dataKey = null;
    try {
      dataKey = decrypt(master, sealed.wrappedDataKey(), keyAad(credentialId));
      byte[] plain =
          decrypt(
              new SecretKeySpec(dataKey, "AES"),
              sealed.ciphertext(),
              valueAad(credentialId, version));
      return new String(plain, StandardCharsets.UTF_8);
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new UnreadableException("authentication failed");
    } finally {
      if (dataKey != null) {
        Arrays.fill(dataKey, (byte) 0);
      }
    }
  }

  /**
   * The same value under the active master key: the data key is unwrapped and wrapped again; the
   * value's ciphertext is untouched and never decrypted.
   */
  public Sealed rewrap(UUID credentialId, Sealed sealed) throws UnreadableException {
    if (sealed.masterKeyVersion() == activeVersion) {
      return sealed;
    }
    SecretKey master = usableMasterKey(sealed.masterKeyVersion());
    byte[] dataKey = null;
    try {
      dataKey = decrypt(master, sealed.wrappedDataKey(), keyAad(credentialId));
      byte[] wrapped = encrypt(masterKeys.get(activeVersion), dataKey, keyAad(credentialId));
      return new Sealed(sealed.ciphertext(), wrapped, activeVersion);
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new UnreadableException("authentication failed");
    } finally {
      if (dataKey != null) {
        Arrays.fill(dataKey, (byte) 0);
      }
    }
  }

  private byte[] encrypt(SecretKey key, byte[] plain, byte[] aad) throws GeneralSecurityException {
    byte[] iv = new byte[IV_BYTES];
    random.nextBytes(iv);
    Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
    cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
    cipher.updateAAD(aad);
    byte[] body = cipher.doFinal(plain);
    return ByteBuffer.allocate(IV_BYTES + body.length).put(iv).put(body).array();
  }

  private static byte[] decrypt(SecretKey key, byte[] sealed, byte[] aad)
      throws GeneralSecurityException {
    if (sealed == null || sealed.length < IV_BYTES + TAG_BITS / 8) {
      throw new GeneralSecurityException("too short");
    }
    Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
    cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed, 0, IV_BYTES));
    cipher.updateAAD(aad);
    return cipher.doFinal(sealed, IV_BYTES, sealed.length - IV_BYTES);
  }

  private static byte[] valueAad(UUID credentialId, int version) {
    return (credentialId + ":" + version).getBytes(StandardCharsets.US_ASCII);
  }

  private static byte[] keyAad(UUID credentialId) {
    return credentialId.toString().getBytes(StandardCharsets.US_ASCII);
  }
}
