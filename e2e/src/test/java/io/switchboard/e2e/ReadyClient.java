package io.switchboard.e2e;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/**
 * Constant load on replicas the way a Kubernetes Service sends it: one prober per replica checks
 * {@code /health/ready} every 250 ms (the "endpoints controller"), and {@code threads} clients GET
 * {@code path} round-robin from the replicas ready at that moment, pausing {@code pause} between
 * requests. Every answer that is not a 200, every I/O error and every moment with no replica ready
 * is a failure.
 */
final class ReadyClient implements AutoCloseable {

  static final Duration PROBE_EVERY = Duration.ofMillis(250);

  private final HttpClient http;
  private final List<Replica> replicas;
  private final String path;
  private final String token;
  private final CopyOnWriteArrayList<Replica> ready = new CopyOnWriteArrayList<>();
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
  private final AtomicInteger served = new AtomicInteger();
  private final List<Thread> threads = new ArrayList<>();

  private ReadyClient(HttpClient http, List<Replica> replicas, String path, String token) {
    this.http = http;
    this.replicas = List.copyOf(replicas);
    this.path = path;
    this.token = token;
  }

  /** Starts probing and loading {@code replicas}, which should all be ready already. */
  static ReadyClient start(
      HttpClient http,
      List<Replica> replicas,
      String path,
      String token,
      int threads,
      Duration pause) {
    ReadyClient client = new ReadyClient(http, replicas, path, token);
    client.ready.addAll(replicas);
    for (Replica replica : replicas) {
      client.run("probe " + replica.name(), () -> client.probe(replica));
    }
    for (int t = 0; t < threads; t++) {
      int offset = t;
      client.run("load " + t, () -> client.load(offset, pause));
    }
    return client;
  }

  private void run(String name, Runnable task) {
    Thread thread = new Thread(task, "ready-client " + name);
    thread.setDaemon(true);
    thread.start();
    threads.add(thread);
  }

  private void probe(Replica replica) {
    while (running.get()) {
      if (replica.isReady(http)) {
        ready.addIfAbsent(replica);
      } else {
        ready.remove(replica);
      }
      sleep(PROBE_EVERY);
    }
  }

  private void load(int offset, Duration pause) {
    int i = offset;
    while (running.get()) {
      List<Replica> now = List.copyOf(ready);
      if (now.isEmpty()) {
        failures.add("no replica ready");
        sleep(Duration.ofMillis(50));
        continue;
      }
      String outcome = now.get(i++ % now.size()).get(http, path, token);
      if (outcome == null) {
        served.incrementAndGet();
      } else {
        failures.add(outcome);
      }
      sleep(pause);
    }
  }

  /** The replicas that receive requests now. */
  List<Replica> ready() {
    return List.copyOf(ready);
  }

  /** Requests answered 200 so far. */
  int served() {
    return served.get();
  }

  /** What went wrong so far, in order. */
  List<String> failures() {
    return List.copyOf(failures);
  }

  /**
   * Waits until {@code condition} holds (e.g. a replica served n more requests), for up to {@code
   * limit}; false when it did not.
   */
  static boolean await(BooleanSupplier condition, Duration limit) throws InterruptedException {
    long deadline = System.nanoTime() + limit.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        return false;
      }
      Thread.sleep(50);
    }
    return true;
  }

  /** Stops the load and the probers and waits for them. */
  @Override
  public void close() throws InterruptedException {
    running.set(false);
    for (Thread thread : threads) {
      thread.join(15_000);
    }
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
