package io.switchboard.auth.password;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The hashing process's main: reads {@link HashingFrames.Request}s on standard input, hashes each
 * on one of its workers (each with its own {@link Argon2id} and memory), writes the {@link
 * HashingFrames.Response}s on standard output. Started by {@link HashingProcess} at low priority;
 * its pauses (JIT, GC, starved by the scheduler) are its own and no longer hold auth-service's
 * threads at a safepoint. Exits when its input closes (auth-service stopped or died).
 *
 * <p>Arguments: workers, memory KiB kept per worker, then the cost to warm up with (memory KiB,
 * iterations, lanes): the child computes two hashes at that cost before it says {@link
 * HashingFrames#HELLO}, so the first login it serves does not run in the interpreter; then each
 * worker's {@link Pacer}: busy share and burst in nanoseconds (the warm-up is not paced).
 */
public final class Argon2Worker {

  private Argon2Worker() {}

  public static void main(String[] args) throws IOException {
    DataOutputStream out =
        new DataOutputStream(
            new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 256));
    // nothing but frames may reach standard output
    System.setOut(new PrintStream(new FileOutputStream(FileDescriptor.err), true));
    int workers = Integer.parseInt(args[0]);
    int keptKib = Integer.parseInt(args[1]);
    double busyShare = Double.parseDouble(args[5]);
    Duration burst = Duration.ofNanos(Long.parseLong(args[6]));
    ThreadLocal<Argon2id> engines = ThreadLocal.withInitial(() -> new Argon2id(keptKib));
    ThreadLocal<Pacer> pacers = ThreadLocal.withInitial(() -> new Pacer(busyShare, burst));
    ExecutorService pool =
        Executors.newFixedThreadPool(
            workers,
            task -> {
              Thread thread = new Thread(task, "argon2");
              thread.setDaemon(true);
              return thread;
            });
    warmUp(
        pool,
        engines,
        workers,
        Integer.parseInt(args[2]),
        Integer.parseInt(args[3]),
        Integer.parseInt(args[4]));
    out.writeInt(HashingFrames.HELLO);
    out.flush();

    DataInputStream in =
        new DataInputStream(new BufferedInputStream(System.in, HashingFrames.MAX_BYTES));
    try {
      while (true) {
        HashingFrames.Request request = HashingFrames.Request.read(in);
        pool.execute(() -> answer(out, request, engines.get(), pacers.get()));
      }
    } catch (EOFException parentGone) {
      System.exit(0);
    }
  }

  /** Two hashes per worker at the configured cost, on the workers and their own memory. */
  private static void warmUp(
      ExecutorService pool,
      ThreadLocal<Argon2id> engines,
      int workers,
      int memoryKib,
      int iterations,
      int lanes) {
    byte[] password = "warm-up".getBytes(StandardCharsets.UTF_8);
    byte[] salt = new byte[16];
    List<Future<?>> hashes = new ArrayList<>();
    for (int i = 0; i < 2 * workers; i++) {
      hashes.add(
          pool.submit(() -> engines.get().hash(password, salt, memoryKib, iterations, lanes, 32)));
    }
    for (Future<?> hash : hashes) {
      try {
        hash.get();
      } catch (ExecutionException | InterruptedException e) {
        throw new IllegalStateException("Warm-up hash failed", e);
      }
    }
  }

  private static void answer(
      DataOutputStream out, HashingFrames.Request request, Argon2id engine, Pacer pacer) {
    HashingFrames.Response response;
    try {
      byte[] tag =
          engine.hash(
              request.password(),
              request.salt(),
              request.memoryKib(),
              request.iterations(),
              request.lanes(),
              request.tagLength(),
              pacer);
      response = new HashingFrames.Response(request.id(), HashingFrames.OK, tag);
    } catch (RuntimeException e) {
      String reason = String.valueOf(e.getMessage());
      response =
          new HashingFrames.Response(
              request.id(), HashingFrames.FAILED, reason.getBytes(StandardCharsets.UTF_8));
    } finally {
      Arrays.fill(request.password(), (byte) 0);
    }
    try {
      synchronized (out) {
        response.write(out);
        out.flush();
      }
    } catch (IOException parentGone) {
      System.exit(0);
    }
  }
}
