package io.switchboard.vault.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.switchboard.vault.crypto.EnvelopeCipher.Sealed;
import io.switchboard.vault.crypto.EnvelopeCipher.UnreadableException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class EnvelopeCipherTest {

  private static byte[] key() {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    return key;
  }

  private final byte[] v1 = key();
  private final byte[] v2 = key();

  @Test
  void roundTripsAndRecordsTheMasterKeyVersion() throws Exception {
    EnvelopeCipher cipher = new EnvelopeCipher(Map.of(1, v1, 2, v2), 2, 1);
    UUID id = UUID.randomUUID();
    Sealed sealed = cipher.seal(id, 3, "s3cret-value");
    assertEquals(2, sealed.masterKeyVersion());
    assertFalse(
        new String(sealed.ciphertext(), StandardCharsets.ISO_8859_1).contains("s3cret-value"));
    assertEquals("s3cret-value", cipher.open(id, 3, sealed));
  }

  @Test
  void wrongAssociatedDataFails() {
    EnvelopeCipher cipher = new EnvelopeCipher(Map.of(1, v1), 1, 1);
    UUID id = UUID.randomUUID();
    Sealed sealed = cipher.seal(id, 1, "value");
    assertThrows(UnreadableException.class, () -> cipher.open(id, 2, sealed));
    assertThrows(UnreadableException.class, () -> cipher.open(UUID.randomUUID(), 1, sealed));
  }

  @Test
  void tamperedCiphertextFails() {
    EnvelopeCipher cipher = new EnvelopeCipher(Map.of(1, v1), 1, 1);
    UUID id = UUID.randomUUID();
    Sealed sealed = cipher.seal(id, 1, "value");
    byte[] tampered = sealed.ciphertext().clone();
    tampered[tampered.length - 1] ^= 1;
    assertThrows(
        UnreadableException.class,
        () -> cipher.open(id, 1, new Sealed(tampered, sealed.wrappedDataKey(), 1)));
  }

  @Test
  void retiredMasterKeyVersionRefusesToDecrypt() throws Exception {
    EnvelopeCipher old = new EnvelopeCipher(Map.of(1, v1), 1, 1);
    UUID id = UUID.randomUUID();
    Sealed sealed = old.seal(id, 1, "value");
    EnvelopeCipher bothKeys = new EnvelopeCipher(Map.of(1, v1, 2, v2), 2, 1);
    assertEquals("value", bothKeys.open(id, 1, sealed));
    EnvelopeCipher retired = new EnvelopeCipher(Map.of(1, v1, 2, v2), 2, 2);
    assertThrows(UnreadableException.class, () -> retired.open(id, 1, sealed));
  }

  @Test
  void aMasterKeyOfTheWrongSizeIsRefused() {
    assertThrows(
        IllegalStateException.class, () -> new EnvelopeCipher(Map.of(1, new byte[16]), 1, 1));
    assertArrayEquals(new byte[0], new byte[0]);
  }

  @Test
  void rewrapMovesADataKeyToTheActiveVersionWithoutTouchingTheCiphertext() throws Exception {
    UUID id = UUID.randomUUID();
    Sealed old = new EnvelopeCipher(Map.of(1, v1), 1, 1).seal(id, 1, "value");
    Sealed moved = new EnvelopeCipher(Map.of(1, v1, 2, v2), 2, 1).rewrap(id, old);
    assertEquals(2, moved.masterKeyVersion());
    assertArrayEquals(old.ciphertext(), moved.ciphertext());
    EnvelopeCipher retired = new EnvelopeCipher(Map.of(2, v2), 2, 2);
    assertEquals("value", retired.open(id, 1, moved));
    assertThrows(UnreadableException.class, () -> retired.open(id, 1, old));
    assertThrows(
        UnreadableException.class,
        () -> new EnvelopeCipher(Map.of(1, v1, 2, v2), 2, 1).rewrap(UUID.randomUUID(), old));
  }
}
