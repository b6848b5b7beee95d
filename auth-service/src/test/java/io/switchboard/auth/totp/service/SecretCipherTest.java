package io.switchboard.auth.totp.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.auth.totp.TotpAlgorithm;
import io.switchboard.auth.totp.TotpConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;
import javax.crypto.SecretKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** AES-GCM sealing of TOTP secrets, and where its key comes from. */
class SecretCipherTest {

  @TempDir Path dir;

  private final byte[] secret = random(20);
  private final UUID user = UUID.randomUUID();

  @Test
  void shouldOpenWhatItSealedForTheSameAccount() {
    SecretCipher cipher = new SecretCipher(TotpKeys.parse(base64(random(32)), "test"));

    byte[] sealed = cipher.encrypt(secret, user);

    assertThat(cipher.decrypt(sealed, user)).isEqualTo(secret);
    assertThat(sealed).hasSize(1 + 12 + 20 + 16);
    assertThat(cipher.encrypt(secret, user)).isNotEqualTo(sealed);
  }

  @Test
  void shouldRefuseACiphertextOfAnotherAccountAlteredOrUnderAnotherKey() {
    SecretCipher cipher = new SecretCipher(TotpKeys.parse(base64(random(32)), "test"));
    byte[] sealed = cipher.encrypt(secret, user);
    byte[] altered = sealed.clone();
    altered[20] ^= 1;

    assertThatThrownBy(() -> cipher.decrypt(sealed, UUID.randomUUID()))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> cipher.decrypt(altered, user))
        .isInstanceOf(IllegalStateException.class);
    SecretCipher other = new SecretCipher(TotpKeys.parse(base64(random(32)), "test"));
    assertThatThrownBy(() -> other.decrypt(sealed, user)).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void shouldUseTheConfiguredKeyOverAnyFile() {
    byte[] key = random(32);

    SecretKey loaded = TotpKeys.load(config(Optional.of(base64(key)), true));

    assertThat(loaded.getEncoded()).isEqualTo(key);
    assertThat(dir.resolve("totp-key")).doesNotExist();
  }

  @Test
  void shouldRefuseAConfiguredKeyThatIsNot32Bytes() {
    assertThatThrownBy(() -> TotpKeys.load(config(Optional.of(base64(random(16))), true)))
        .hasMessageContaining("32 bytes");
    assertThatThrownBy(() -> TotpKeys.load(config(Optional.of("not base64!"), true)))
        .hasMessageContaining("base64");
  }

  @Test
  void shouldGenerateAKeyFileOnceOwnerOnlyAndReuseIt() throws Exception {
    SecretKey first = TotpKeys.load(config(Optional.empty(), true));
    SecretKey second = TotpKeys.load(config(Optional.empty(), false));

    assertThat(second.getEncoded()).isEqualTo(first.getEncoded());
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile())))
        .isEqualTo("rw-------");
  }

  @Test
  void shouldStopWhenNoKeyMayBeGenerated() {
    assertThatThrownBy(() -> TotpKeys.load(config(Optional.empty(), false)))
        .hasMessageContaining("No TOTP key");
  }

  private Path keyFile() {
    return dir.resolve("auth").resolve("totp-key");
  }

  private TotpConfig config(Optional<String> key, boolean generate) {
    Path file = keyFile();
    return new TotpConfig() {
      public String issuer() {
        return "Switchboard";
      }

      public TotpAlgorithm algorithm() {
        return TotpAlgorithm.SHA1;
      }

      public int digits() {
        return 6;
      }

      public Duration period() {
        return Duration.ofSeconds(30);
      }

      public int skewSteps() {
        return 1;
      }

      public Optional<String> encryptionKey() {
        return key;
      }

      public Path keyFile() {
        return file;
      }

      public boolean generateKeyIfMissing() {
        return generate;
      }
    };
  }

  private static byte[] random(int bytes) {
    byte[] out = new byte[bytes];
    new SecureRandom().nextBytes(out);
    return out;
  }

  private static String base64(byte[] bytes) {
    return Base64.getEncoder().encodeToString(bytes);
  }
}
