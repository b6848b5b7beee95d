package io.switchboard.auth.jwks.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.auth.config.SigningConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SigningKeysTest {

  @TempDir Path dir;

  @Test
  void shouldGenerateAKeyOnceAndReuseItAfterARestart() throws Exception {
    Path file = dir.resolve("auth/signing-key.pem");

    SigningKey first = SigningKeys.load(config(null, file, true));
    SigningKey second = SigningKeys.load(config(null, file, true));

    assertThat(file).exists();
    assertThat(second.kid()).isEqualTo(first.kid());
    assertThat(second.publicKey()).isEqualTo(first.publicKey());
    assertThat(Files.getPosixFilePermissions(file))
        .isEqualTo(PosixFilePermissions.fromString("rw-------"));
  }

  @Test
  void shouldPreferTheConfiguredKeyOverTheDataDirectory() {
    Path configured = dir.resolve("secret.pem");
    SigningKey fromSecret = SigningKeys.load(config(null, configured, true));
    Path other = dir.resolve("other.pem");

    SigningKey loaded = SigningKeys.load(config(configured, other, true));

    assertThat(loaded.kid()).isEqualTo(fromSecret.kid());
    assertThat(other).doesNotExist();
  }

  @Test
  void shouldRefuseToStartWithoutAKeyWhenGenerationIsOff() {
    Path missing = dir.resolve("missing.pem");

    assertThatThrownBy(() -> SigningKeys.load(config(null, missing, false)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("No signing key")
        .hasMessageContaining("missing.pem");
    assertThat(missing).doesNotExist();
  }

  @Test
  void shouldNameTheFileWhenTheConfiguredKeyIsNotAPem() throws Exception {
    Path garbage = Files.writeString(dir.resolve("garbage.pem"), "not a key");

    assertThatThrownBy(() -> SigningKeys.load(config(garbage, dir.resolve("x.pem"), true)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("garbage.pem");
  }

  @Test
  void shouldDeriveTheKidFromThePublicKeyThumbprint() {
    SigningKey key = SigningKeys.load(config(null, dir.resolve("k.pem"), true));

    assertThat(key.kid()).matches("[A-Za-z0-9_-]{43}");
    assertThat(key.toJwk()).containsEntry("kid", key.kid()).containsEntry("e", "AQAB");
  }

  @Test
  void shouldPublishRetiredKeysAfterTheActiveOneUntilTheyAreDropped() {
    Path old = dir.resolve("old.pem");
    SigningKey retired = SigningKeys.load(config(null, old, true));
    Path current = dir.resolve("current.pem");
    SigningConfig rotated = config(null, current, true, List.of(old, current));
    SigningKey active = SigningKeys.load(rotated);

    List<SigningKey> published = SigningKeys.published(active, rotated);

    assertThat(published).extracting(SigningKey::kid).containsExactly(active.kid(), retired.kid());
    assertThat(SigningKeys.published(active, config(null, current, true)))
        .extracting(SigningKey::kid)
        .containsExactly(active.kid());
  }

  private static SigningConfig config(Path location, Path keyFile, boolean generate) {
    return config(location, keyFile, generate, List.of());
  }

  private static SigningConfig config(
      Path location, Path keyFile, boolean generate, List<Path> retired) {
    return new SigningConfig() {
      @Override
      public Optional<List<Path>> retiredKeyLocations() {
        return Optional.of(retired);
      }

      @Override
      public Optional<Path> privateKeyLocation() {
        return Optional.ofNullable(location);
      }

      @Override
      public Path keyFile() {
        return keyFile;
      }

      @Override
      public boolean generateIfMissing() {
        return generate;
      }
    };
  }
}
