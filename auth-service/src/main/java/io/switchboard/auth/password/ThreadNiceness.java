package io.switchboard.auth.password;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * Lowers the Linux scheduling priority ({@code nice}) of the calling thread, so that CPU-heavy work
 * on it (password hashing) yields to everything else the machine runs whenever both want a core,
 * and still uses every idle cycle. Java has no API for it; a thread is a kernel task with its own
 * id ({@code /proc/thread-self}), which {@code renice} (util-linux, in every Debian/UBI image)
 * accepts. Raising one's own niceness needs no privilege. Where either is missing (another OS, a
 * distroless image) the thread keeps its priority and a warning says so (once per process).
 */
final class ThreadNiceness {

  private static final Logger LOG = Logger.getLogger(ThreadNiceness.class);
  private static final Path THREAD_SELF = Path.of("/proc/thread-self");
  private static final AtomicBoolean WARNED = new AtomicBoolean();

  private ThreadNiceness() {}

  /** Sets the calling thread's niceness; whether it took effect. 0 leaves the thread alone. */
  static boolean lowerCurrentThread(int niceness) {
    if (niceness == 0) {
      return false;
    }
    try {
      String taskId = Files.readSymbolicLink(THREAD_SELF).getFileName().toString();
      Process renice =
          new ProcessBuilder("renice", "-n", Integer.toString(niceness), "-p", taskId)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
      if (renice.waitFor(5, TimeUnit.SECONDS) && renice.exitValue() == 0) {
        return true;
      }
      renice.destroyForcibly();
      warn("renice " + niceness + " of thread " + taskId + " failed");
    } catch (IOException | UnsupportedOperationException e) {
      warn(e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return false;
  }

  private static void warn(String why) {
    if (WARNED.compareAndSet(false, true)) {
      LOG.warnf("Cannot lower the hashing threads' priority here (%s): hashing keeps it", why);
    }
  }
}
