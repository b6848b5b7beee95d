package io.switchboard.defaults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.defaults.service.ServiceCredentials;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServiceCredentialsTest {

  @TempDir Path dir;

  @Test
  void shouldPreferTheConfiguredSecret() {
    Path file = dir.resolve("model-service");
    ServiceCredentials credentials =
        ServiceCredentials.loadFor("model-service", Optional.of(" s3cret \n"), file, true);
    assertThat(credentials.secret()).isEqualTo("s3cret");
    assertThat(file).doesNotExist();
  }

  @Test
  void shouldGenerateAnOwnerOnlySecretOnceAndKeepIt() throws Exception {
    Path file = dir.resolve("secrets/model-service");
    String first =
        ServiceCredentials.loadFor("model-service", Optional.empty(), file, true).secret();
    assertThat(first).hasSizeGreaterThanOrEqualTo(43);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    String second =
        ServiceCredentials.loadFor("model-service", Optional.empty(), file, true).secret();
    assertThat(second).isEqualTo(first);
  }

  @Test
  void shouldExplainAMissingSecretWhenGeneratingIsOff() {
    Path file = dir.resolve("absent");
    assertThatThrownBy(
            () -> ServiceCredentials.loadFor("model-service", Optional.empty(), file, false))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("switchboard.service.secret")
        .hasMessageContaining(file.toString());
  }

  @Test
  void shouldNeverPrintTheSecret() {
    ServiceCredentials credentials = new ServiceCredentials("x", "very-secret-value");
    assertThat(credentials.toString()).doesNotContain("very-secret-value");
  }
}
