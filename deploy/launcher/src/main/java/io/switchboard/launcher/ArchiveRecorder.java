package io.switchboard.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Records the class-data archives of services started with {@code -XX:+RecordDynamicDumpInfo}
 * ({@link StartupArchive.Kind#RECORD}), one at a time on a background thread once the stack is up:
 * {@code jcmd <pid> VM.cds dynamic_dump <file>} makes the running JVM write the classes it has
 * loaded. The JVM stops at a safepoint while it writes (about 1–3 s here): the service pauses once,
 * after its first start with a new build. The archive is written to a temporary name and moved into
 * place only when complete, so a stack stopped meanwhile leaves no half archive behind: closing
 * waits for the archive being written (at most {@link #FINISH_TIMEOUT}) and records no other.
 */
final class ArchiveRecorder implements AutoCloseable {
  private static final Duration JCMD_TIMEOUT = Duration.ofMinutes(2);
  private static final Duration FINISH_TIMEOUT = Duration.ofSeconds(30);

  private final Consumer<String> progress;
  private Thread worker;
  private volatile Process jcmd;
  private volatile boolean closed;

  ArchiveRecorder(Consumer<String> progress) {
    this.progress = progress;
  }

  /** A service to record: its process and where its archive goes. */
  record Job(String service, ProcessHandle process, Path archive) {}

  /** The {@code jcmd} beside this JVM's {@code java}. */
  static Path jcmd() {
    return Path.of(System.getProperty("java.home"), "bin", "jcmd");
  }

  /** Records each job's archive in turn, in the background; returns at once. */
  synchronized void recordAll(List<Job> jobs) {
    if (jobs.isEmpty() || closed) {
      return;
    }
    worker =
        new Thread(
            () -> {
              for (Job job : jobs) {
                if (closed) {
                  return;
                }
                progress.accept(record(job));
              }
            },
            "switchboard-archive-recorder");
    worker.setDaemon(true);
    worker.start();
  }

  /**
   * Has the job's JVM write its archive and moves it into place.
   *
   * @return a line for the launcher's output: what was recorded, or why not
   */
  String record(Job job) {
    Path partial =
        job.archive().resolveSibling(job.archive().getFileName() + "." + job.process().pid());
    long begin = System.nanoTime();
    try {
      Files.deleteIfExists(partial);
      Process started =
          new ProcessBuilder(
                  jcmd().toString(),
                  String.valueOf(job.process().pid()),
                  "VM.cds",
                  "dynamic_dump",
                  partial.toString())
              .redirectErrorStream(true)
              .start();
      jcmd = started;
      // jcmd says a few lines at most: they wait in the pipe until it has exited
      if (!started.waitFor(JCMD_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
        started.destroyForcibly();
        return failed(job, "jcmd did not finish within " + JCMD_TIMEOUT.toSeconds() + " s");
      }
      String output = new String(started.getInputStream().readAllBytes()).trim();
      // jcmd exits 0 even when the JVM refused: only a written file counts
      if (!Files.isRegularFile(partial) || Files.size(partial) == 0) {
        return failed(job, lastLine(output));
      }
      Files.move(partial, job.archive(), StandardCopyOption.ATOMIC_MOVE);
      return String.format(
          Locale.ROOT,
          "%s: class-data archive recorded (%d MiB in %.1f s), used from its next start: %s",
          job.service(),
          Files.size(job.archive()) >> 20,
          (System.nanoTime() - begin) / 1e9,
          job.archive());
    } catch (IOException e) {
      return failed(job, e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return failed(job, "interrupted");
    } finally {
      jcmd = null;
      try {
        Files.deleteIfExists(partial);
      } catch (IOException e) {
        // left for the next recording, which deletes it first
      }
    }
  }

  private static String failed(Job job, String why) {
    return job.service() + ": no class-data archive recorded (" + why + "); it starts without one";
  }

  private static String lastLine(String output) {
    String[] lines = output.split("\\R");
    return output.isBlank() ? "jcmd wrote no archive" : lines[lines.length - 1];
  }

  /**
   * Stops recording: no further service is recorded; the archive being written is waited for (at
   * most {@link #FINISH_TIMEOUT}, then its jcmd is ended).
   */
  @Override
  public void close() {
    Thread running;
    synchronized (this) {
      closed = true;
      running = worker;
    }
    if (running == null || running == Thread.currentThread()) {
      return;
    }
    try {
      running.join(FINISH_TIMEOUT.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    Process current = jcmd;
    if (current != null) {
      current.destroyForcibly();
    }
  }
}
