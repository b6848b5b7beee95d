package io.switchboard.launcher;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.OptionalLong;

/**
 * An exclusive lock on {@code <dataDir>/stack.lock}, held while a stack runs, so two launchers
 * never share one data dir. The operating system releases it when the launcher dies, whatever the
 * cause, so holding it also proves that recorded child pids are leftovers of a dead launcher.
 */
final class StackLock implements AutoCloseable {
  private final FileChannel channel;
  private final FileLock lock;

  private StackLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  /**
   * Takes the lock, or fails naming the data dir (and the holder's pid when known).
   *
   * @throws StackException when another stack holds it
   */
  static StackLock acquire(Path dataDir) {
    Path file = dataDir.resolve("stack.lock");
    FileChannel channel = null;
    try {
      Files.createDirectories(dataDir);
      channel =
          FileChannel.open(
              file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
      FileLock lock;
      try {
        lock = channel.tryLock();
      } catch (OverlappingFileLockException e) {
        lock = null;
      }
      if (lock == null) {
        String holder = Files.readString(file, StandardCharsets.UTF_8).trim();
        channel.close();
        throw new StackException(
            "another Switchboard stack"
                + (holder.isEmpty() ? "" : " (pid " + holder + ")")
                + " is running with data dir "
                + dataDir
                + "; stop it (./switchboard down) or set SWITCHBOARD_DATA_DIR to another"
                + " directory");
      }
      channel.truncate(0);
      channel.write(
          ByteBuffer.wrap(
              String.valueOf(ProcessHandle.current().pid()).getBytes(StandardCharsets.UTF_8)));
      channel.force(false);
      return new StackLock(channel, lock);
    } catch (IOException e) {
      closeQuietly(channel);
      throw new StackException("cannot lock the data dir " + dataDir + ": " + e, e);
    }
  }

  /**
   * The pid of the process holding the lock on {@code dataDir}, or empty when nobody holds it.
   * Returns {@code -1} when it is held but the holder did not write its pid (yet).
   */
  static OptionalLong heldBy(Path dataDir) {
    Path file = dataDir.resolve("stack.lock");
    if (!Files.exists(file)) {
      return OptionalLong.empty();
    }
    try (FileChannel channel =
        FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
      FileLock lock = channel.tryLock();
      if (lock != null) {
        lock.release();
        return OptionalLong.empty();
      }
      String holder = Files.readString(file, StandardCharsets.UTF_8).trim();
      return OptionalLong.of(holder.matches("\\d+") ? Long.parseLong(holder) : -1);
    } catch (OverlappingFileLockException e) {
      return OptionalLong.of(ProcessHandle.current().pid());
    } catch (IOException e) {
      return OptionalLong.empty();
    }
  }

  /** Releases the lock. */
  @Override
  public void close() {
    try {
      if (lock.isValid()) {
        channel.truncate(0);
        lock.release();
      }
    } catch (IOException e) {
      // released anyway when the channel closes
    } finally {
      closeQuietly(channel);
    }
  }

  private static void closeQuietly(FileChannel channel) {
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException e) {
        // nothing left to do
      }
    }
  }
}
