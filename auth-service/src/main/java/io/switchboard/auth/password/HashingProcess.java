package io.switchboard.auth.password;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.bouncycastle.crypto.digests.Blake2bDigest;
import org.jboss.logging.Logger;

/**
 * Password hashing in a child JVM ({@link Argon2Worker}) at low scheduling priority. A hashing
 * thread inside the service's JVM, starved by a busy machine because of its niceness, holds every
 * safepoint of that JVM until the scheduler runs it again: bench/login/ttsp.sh measured a time to
 * safepoint of p99 270 ms with one at niceness 10, so the service's own requests waited for a login
 * storm after all. In its own process the hashing's stalls are its own.
 *
 * <p>Never in the way: it starts in the background and {@link #hash} answers empty until it is
 * warm, while it restarts after dying (backoff 1 s doubling to 60 s while it keeps dying young), or
 * when it cannot run at all (no {@code java} launcher, as in a native image): the caller then
 * hashes in its own JVM. A hash in flight when the child dies is answered empty too, so nothing is
 * lost.
 */
final class HashingProcess implements AutoCloseable {

  private static final Logger LOG = Logger.getLogger(HashingProcess.class);
  private static final long MAX_BACKOFF_SECONDS = 60;
  private static final long YOUNG_DEATH_SECONDS = 60;
  private static final String NICE = "/usr/bin/nice";
  private static final String CHRT = "/usr/bin/chrt";

  /**
   * What to run: workers, memory each keeps, the cost it warms up with, its niceness or the idle
   * scheduling policy, and how its workers are paced ({@link Pacer}).
   */
  record Settings(
      int workers,
      int memoryKib,
      int iterations,
      int parallelism,
      int niceness,
      boolean idle,
      double busyShare,
      Duration burst) {}

  /**
   * How to run it: the JDK whose {@code java} runs it (this JVM's {@code java.home}; none in a
   * native image), how long a hash may take before the child counts as hung (30 s: a hash takes
   * tens of milliseconds, paced a few hundred) and how long it may take to start and warm up (120
   * s: about a second on a quiet machine, much more on a starved one); a hung child is killed and
   * started again.
   */
  record Launch(Optional<Path> javaHome, Duration answerTimeout, Duration readyTimeout) {

    static Launch defaults() {
      return new Launch(
          Optional.ofNullable(System.getProperty("java.home")).map(Path::of),
          Duration.ofSeconds(30),
          Duration.ofSeconds(120));
    }
  }

  private final Settings settings;
  private final Launch launch;
  private final ScheduledExecutorService starter;
  private final AtomicInteger ids = new AtomicInteger();
  private volatile Child current;
  private volatile boolean closed;
  private long backoffSeconds = 1;

  private HashingProcess(Settings settings, Launch launch) {
    this.settings = settings;
    this.launch = launch;
    this.starter =
        Executors.newSingleThreadScheduledExecutor(
            task -> {
              Thread thread = new Thread(task, "argon2-process");
              thread.setDaemon(true);
              return thread;
            });
  }

  /** Starts the hashing process in the background. */
  static HashingProcess start(Settings settings) {
    return start(settings, Launch.defaults());
  }

  /** Starts the hashing process in the background, launched as {@code launch} says. */
  static HashingProcess start(Settings settings, Launch launch) {
    HashingProcess process = new HashingProcess(settings, launch);
    process.starter.execute(process::launch);
    return process;
  }

  /**
   * The tag, computed by the hashing process; empty when it is not running (yet), died meanwhile or
   * the cost asks for more memory than it was started with (an old hash of a higher cost): then the
   * caller computes it itself.
   *
   * @throws IllegalArgumentException when Argon2 refuses the parameters
   */
  Optional<byte[]> hash(
      byte[] password, byte[] salt, int memoryKib, int iterations, int lanes, int tagLength) {
    Child child = current;
    if (child == null || memoryKib > settings.memoryKib()) {
      return Optional.empty(); // its heap holds each worker's configured memory, no more
    }
    return child.call(
        new HashingFrames.Request(
            ids.incrementAndGet(), memoryKib, iterations, lanes, tagLength, password, salt));
  }

  /** The process id of the running hashing process, if one is ready. */
  Optional<Long> pid() {
    Child child = current;
    return child == null ? Optional.empty() : Optional.of(child.process.pid());
  }

  @Override
  public void close() {
    closed = true;
    starter.shutdownNow();
    Child child = current;
    current = null;
    if (child != null) {
      child.stop();
    }
  }

  private void launch() {
    if (closed) {
      return;
    }
    List<String> command;
    try {
      command = command();
    } catch (IllegalStateException e) {
      LOG.warnf("Password hashing stays in this JVM: %s", e.getMessage());
      return;
    }
    try {
      Child child = new Child(start(command));
      child.awaitHello();
      current = child;
      LOG.infof(
          "Password hashing runs in process %d (%d worker(s), %s)",
          child.process.pid(),
          settings.workers(),
          command.get(0).equals(CHRT) ? "idle scheduling" : "niceness " + settings.niceness());
    } catch (IOException e) {
      LOG.warnf("Hashing process did not start (%s); hashing in this JVM until it does", e);
      retryLater();
    }
  }

  private Process start(List<String> command) throws IOException {
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT);
    Map<String, String> env = builder.environment();
    // options meant for the service (GC logs, agents, debuggers) would land in the child's output
    env.remove("JAVA_TOOL_OPTIONS");
    env.remove("JDK_JAVA_OPTIONS");
    env.remove("_JAVA_OPTIONS");
    return builder.start();
  }

  /** The child's command line: this JVM's {@code java}, the classes it needs, a small heap. */
  List<String> command() {
    Path java =
        launch
            .javaHome()
            .orElseThrow(() -> new IllegalStateException("no java launcher (native image)"))
            .resolve("bin/java");
    if (!java.toFile().canExecute()) {
      throw new IllegalStateException("no java launcher at " + java);
    }
    List<String> command = new ArrayList<>();
    if (settings.idle() && Path.of(CHRT).toFile().canExecute()) {
      command.addAll(List.of(CHRT, "--idle", "0"));
    } else if (settings.niceness() > 0 && Path.of(NICE).toFile().canExecute()) {
      command.addAll(List.of(NICE, "-n", Integer.toString(settings.niceness())));
    }
    long heapMib = (long) settings.workers() * settings.memoryKib() / 1024 + 48;
    command.addAll(
        List.of(
            java.toString(),
            // a small young generation: the workers' memory lives in the old one, requests make
            // little garbage (RSS after warm-up 83 MiB at one worker of 19 MiB, 95 with -Xms=-Xmx)
            "-Xms24m",
            "-Xmn4m",
            "-Xmx" + heapMib + "m",
            "-XX:+UseSerialGC",
            "-XX:-UsePerfData",
            "-XX:+ExitOnOutOfMemoryError",
            "-XX:+DisplayVMOutputToStderr",
            "-Xlog:disable",
            "-Xlog:all=warning:stderr",
            "-cp",
            codeSource(Argon2Worker.class) + File.pathSeparator + codeSource(Blake2bDigest.class),
            Argon2Worker.class.getName(),
            Integer.toString(settings.workers()),
            Integer.toString(settings.memoryKib()),
            Integer.toString(settings.memoryKib()),
            Integer.toString(settings.iterations()),
            Integer.toString(settings.parallelism()),
            Double.toString(settings.busyShare()),
            Long.toString(settings.burst().toNanos())));
    return command;
  }

  private static String codeSource(Class<?> type) {
    var source = type.getProtectionDomain().getCodeSource();
    if (source == null || source.getLocation() == null) {
      throw new IllegalStateException("cannot tell where " + type.getName() + " is loaded from");
    }
    try {
      return Path.of(source.getLocation().toURI()).toString();
    } catch (URISyntaxException | IllegalArgumentException e) {
      throw new IllegalStateException("cannot use " + source.getLocation() + " as a class path");
    }
  }

  private synchronized void died(Child child, String why) {
    if (current == child) {
      current = null;
    }
    if (closed) {
      return;
    }
    long lived = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - child.started);
    LOG.warnf(
        "Hashing process %d died after %d s (%s); hashing in this JVM until it is back",
        child.process.pid(), lived, why);
    if (lived >= YOUNG_DEATH_SECONDS) {
      backoffSeconds = 1;
    }
    retryLater();
  }

  private synchronized void retryLater() {
    if (closed) {
      return;
    }
    long delay = backoffSeconds;
    backoffSeconds = Math.min(MAX_BACKOFF_SECONDS, backoffSeconds * 2);
    starter.schedule(this::launch, delay, TimeUnit.SECONDS);
  }

  /** One running child: writes requests, a reader thread completes the answers by id. */
  private final class Child {

    final Process process;
    final long started = System.nanoTime();
    private final DataOutputStream out;
    private final DataInputStream in;
    private final Map<Integer, CompletableFuture<Optional<byte[]>>> pending =
        new ConcurrentHashMap<>();
    private volatile boolean dead;

    Child(Process process) {
      this.process = process;
      this.out = new DataOutputStream(new BufferedOutputStream(process.getOutputStream(), 256));
      this.in = new DataInputStream(new BufferedInputStream(process.getInputStream(), 256));
    }

    /** Waits for the warm child's hello, then answers on a reader thread. */
    void awaitHello() throws IOException {
      // a child that hangs before it is ready is killed, so the read below ends and it restarts
      CompletableFuture<Void> watchdog =
          CompletableFuture.runAsync(
              process::destroyForcibly,
              CompletableFuture.delayedExecutor(
                  launch.readyTimeout().toMillis(), TimeUnit.MILLISECONDS));
      int hello;
      try {
        hello = in.readInt();
      } catch (IOException e) {
        process.destroyForcibly();
        throw new IOException("it exited or hung before it was ready", e);
      } finally {
        watchdog.cancel(false);
      }
      if (hello != HashingFrames.HELLO) {
        process.destroyForcibly();
        throw new IOException("it wrote " + Integer.toHexString(hello) + " instead of its hello");
      }
      Thread reader = new Thread(this::read, "argon2-process-" + process.pid());
      reader.setDaemon(true);
      reader.start();
    }

    Optional<byte[]> call(HashingFrames.Request request) {
      CompletableFuture<Optional<byte[]>> answer = new CompletableFuture<>();
      pending.put(request.id(), answer);
      try {
        if (dead) {
          return Optional.empty();
        }
        synchronized (out) {
          request.write(out);
          out.flush();
        }
        return answer.get(launch.answerTimeout().toMillis(), TimeUnit.MILLISECONDS);
      } catch (IOException e) {
        fail("its input closed: " + e.getMessage());
        return Optional.empty();
      } catch (TimeoutException e) {
        fail("no answer in " + launch.answerTimeout().toMillis() + " ms");
        return Optional.empty();
      } catch (ExecutionException e) {
        if (e.getCause() instanceof IllegalArgumentException refused) {
          throw refused;
        }
        throw new IllegalStateException("Password hashing failed", e.getCause());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("Interrupted while hashing", e);
      } finally {
        pending.remove(request.id());
      }
    }

    private void read() {
      try {
        while (true) {
          HashingFrames.Response response = HashingFrames.Response.read(in);
          CompletableFuture<Optional<byte[]>> answer = pending.get(response.id());
          if (answer == null) {
            continue; // its caller gave up (timeout) meanwhile
          }
          if (response.status() == HashingFrames.OK) {
            answer.complete(Optional.of(response.body()));
          } else {
            answer.completeExceptionally(
                new IllegalArgumentException(new String(response.body(), StandardCharsets.UTF_8)));
          }
        }
      } catch (IOException e) {
        fail(closed ? "stopped" : "its output ended");
      }
    }

    /** Marks the child dead once: kills it, answers every waiting caller empty, restarts. */
    private void fail(String why) {
      synchronized (this) {
        if (dead) {
          return;
        }
        dead = true;
      }
      process.destroyForcibly();
      pending.values().forEach(answer -> answer.complete(Optional.empty()));
      died(this, why + ", exit " + waitForExit());
    }

    private int waitForExit() {
      try {
        process.waitFor(2, TimeUnit.SECONDS);
        return process.isAlive() ? -1 : process.exitValue();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return -1;
      }
    }

    void stop() {
      dead = true;
      try {
        out.close(); // its input ends: it exits by itself
        if (!process.waitFor(2, TimeUnit.SECONDS)) {
          process.destroyForcibly();
        }
      } catch (IOException e) {
        process.destroyForcibly();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        process.destroyForcibly();
      }
    }
  }
}
