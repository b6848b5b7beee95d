package io.switchboard.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.launcher.Stack;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Issue 9, "graceful operation": two replicas of a service behind a client that, like a Kubernetes
 * Service, only sends to replicas whose readiness probe passes (checked every 250 ms). One replica
 * gets SIGTERM under constant load: it turns not-ready first and keeps serving for the shutdown
 * delay, then drains; the client sees zero failed requests.
 */
class GracefulShutdownIT {

  private static final String SERVICE = "vault-service";
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  @Test
  void shouldLoseNoRequestWhenAReplicaIsStoppedUnderLoad() throws Exception {
    Stack stack = SharedStack.get();
    String token = SharedStack.tokens().valid(UUID.randomUUID());
    Replica first = Replica.start(stack, freePort());
    Replica second = Replica.start(stack, freePort());
    try {
      first.awaitReady(http);
      second.awaitReady(http);
      for (int i = 0; i < 20; i++) { // warm both up: a cold JVM is slow to answer at first
        assertThat(first.get(http, "/api/vault", token)).isNull();
        assertThat(second.get(http, "/api/vault", token)).isNull();
      }
      CopyOnWriteArrayList<Replica> ready = new CopyOnWriteArrayList<>(List.of(first, second));
      AtomicBoolean running = new AtomicBoolean(true);
      ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
      AtomicInteger served = new AtomicInteger();
      List<Thread> threads = new ArrayList<>();
      // The "endpoints controller": readiness decides who gets traffic.
      threads.add(
          started(
              () -> {
                while (running.get()) {
                  for (Replica r : List.of(first, second)) {
                    if (r.isReady(http)) {
                      ready.addIfAbsent(r);
                    } else {
                      ready.remove(r);
                    }
                  }
                  sleep(250);
                }
              }));
      for (int t = 0; t < 4; t++) {
        int offset = t;
        threads.add(
            started(
                () -> {
                  int i = offset;
                  while (running.get()) {
                    List<Replica> now = List.copyOf(ready);
                    if (now.isEmpty()) {
                      failures.add("no replica ready");
                      sleep(50);
                      continue;
                    }
                    Replica target = now.get(i++ % now.size());
                    String outcome = target.get(http, "/api/vault", token);
                    if (outcome == null) {
                      served.incrementAndGet();
                      target.served.incrementAndGet();
                    } else {
                      failures.add(outcome);
                    }
                  }
                }));
      }
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (first.served.get() < 20 && System.nanoTime() < deadline) {
        Thread.sleep(100);
      }
      int beforeStop = first.served.get();
      first.process.destroy(); // SIGTERM
      assertThat(first.process.waitFor(40, TimeUnit.SECONDS)).as("drained and exited").isTrue();
      Thread.sleep(1_000);
      running.set(false);
      for (Thread thread : threads) {
        thread.join(10_000);
      }
      System.out.printf(
          "[e2e] graceful stop under load: %d requests served, %d failed; the stopped replica"
              + " served %d before SIGTERM and %d in total, exit code %d%n",
          served.get(), failures.size(), beforeStop, first.served.get(), first.process.exitValue());
      assertThat(failures).isEmpty();
      assertThat(beforeStop).isPositive();
      assertThat(second.served.get()).isPositive();
      assertThat(first.process.exitValue()).as("a clean exit on SIGTERM").isIn(0, 143);
    } finally {
      first.process.destroyForcibly();
      second.process.destroyForcibly();
    }
  }

  private static Thread started(Runnable task) {
    Thread thread = new Thread(task);
    thread.start();
    return thread;
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Another replica of the service, started as the launcher would, plus a shutdown delay. */
  private record Replica(Process process, int port, AtomicInteger served) {

    static Replica start(Stack stack, int port) throws IOException {
      Map<String, String> env = stack.environmentOf(SERVICE);
      env.put("QUARKUS_HTTP_PORT", Integer.toString(port));
      env.put("QUARKUS_SHUTDOWN_DELAY", "2S");
      env.put("QUARKUS_SHUTDOWN_TIMEOUT", "20S");
      Path log = stack.config().logsDir().resolve(SERVICE + "-replica-" + port + ".log");
      ProcessBuilder builder =
          new ProcessBuilder(
                  ProcessHandle.current().info().command().orElse("java"),
                  "-Xmx256m",
                  "-XX:+UseSerialGC",
                  "-jar",
                  stack.jarOf(SERVICE).toString())
              .redirectErrorStream(true)
              .redirectOutput(log.toFile());
      builder.environment().putAll(env);
      return new Replica(builder.start(), port, new AtomicInteger());
    }

    void awaitReady(HttpClient http) throws InterruptedException {
      long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
      while (System.nanoTime() < deadline) {
        if (isReady(http)) {
          return;
        }
        Thread.sleep(250);
      }
      throw new AssertionError("replica on " + port + " not ready in 90 s");
    }

    boolean isReady(HttpClient http) {
      try {
        HttpResponse<Void> response =
            http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health/ready"))
                    .timeout(Duration.ofSeconds(2))
                    .build(),
                HttpResponse.BodyHandlers.discarding());
        return response.statusCode() == 200;
      } catch (IOException e) {
        return false;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }

    /** Null when served (200), else what went wrong. */
    String get(HttpClient http, String path, String token) {
      try {
        HttpResponse<String> response =
            http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .header("Authorization", "Bearer " + token)
                    .timeout(Duration.ofSeconds(10))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        return response.statusCode() == 200
            ? null
            : "HTTP " + response.statusCode() + " from " + port;
      } catch (IOException e) {
        return e.getClass().getSimpleName() + " from " + port;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return null;
      }
    }
  }
}
