package io.switchboard.auth.servicetoken.service;

import io.switchboard.auth.config.ServiceTokenConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/**
 * The services allowed to ask for service tokens, and their secrets: one file per service in the
 * clients directory ({@code <dir>/<service-name>} holding the secret), e.g. a Kubernetes Secret
 * mounted as a volume, or the local stack's data directory where each service generated its own.
 * Read on every request, so a service added or a secret rotated needs no restart.
 */
@ApplicationScoped
public class ServiceClients {

  private static final Logger LOG = Logger.getLogger(ServiceClients.class);
  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]{1,62}");

  private final Path directory;

  public ServiceClients(ServiceTokenConfig config) {
    this.directory = config.clientsDir();
  }

  /** Whether {@code secret} is the one on file for {@code name}; compared in constant time. */
  public boolean authenticate(String name, String secret) {
    Optional<byte[]> expected = secretOf(name);
    if (expected.isEmpty()) {
      // Same work as a real comparison, so the answer time does not reveal which names exist.
      MessageDigest.isEqual(new byte[32], secret.getBytes(StandardCharsets.UTF_8));
      return false;
    }
    return MessageDigest.isEqual(expected.get(), secret.getBytes(StandardCharsets.UTF_8));
  }

  private Optional<byte[]> secretOf(String name) {
    if (name == null || !NAME.matcher(name).matches()) {
      return Optional.empty();
    }
    Path file = directory.resolve(name);
    try {
      if (!Files.isRegularFile(file)) {
        return Optional.empty();
      }
      String secret = Files.readString(file, StandardCharsets.US_ASCII).strip();
      return secret.isEmpty()
          ? Optional.empty()
          : Optional.of(secret.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      LOG.warnf("Cannot read the service secret of %s: %s", name, e.toString());
      return Optional.empty();
    }
  }
}
