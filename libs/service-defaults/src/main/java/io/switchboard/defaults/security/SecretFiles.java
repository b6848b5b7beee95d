package io.switchboard.defaults.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import org.jboss.logging.Logger;

/**
 * Writes key material generated for dev and the local stack (signing key, TOTP key, vault master
 * key): readable by the owner only, and atomically, so a crash never leaves half a key behind.
 */
public final class SecretFiles {

  private static final Logger LOG = Logger.getLogger(SecretFiles.class);

  private SecretFiles() {}

  /** Creates {@code file} (and its directory) holding {@code content}, mode 0600. */
  public static void writeOwnerOnly(Path file, String content) throws IOException {
    Path directory = file.toAbsolutePath().getParent();
    Files.createDirectories(directory);
    Path temp = Files.createTempFile(directory, file.getFileName().toString(), ".tmp");
    try {
      Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException e) {
      // Not a POSIX file system (e.g. Windows): the directory's own access rules apply.
      LOG.warnf("Cannot restrict %s to its owner on this file system", file);
    }
    Files.writeString(temp, content, StandardCharsets.US_ASCII);
    Files.move(temp, file.toAbsolutePath(), StandardCopyOption.ATOMIC_MOVE);
  }
}
