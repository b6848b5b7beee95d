package io.switchboard.e2e;

import io.switchboard.launcher.Service;
import io.switchboard.launcher.Stack;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One replica of a service for the graceful-shutdown tests: either the stack's own process (stopped
 * and started again through the launcher, on the stack's port) or a spare one this test runs with
 * the launcher's command and environment on a port of its own. Both get SIGTERM and drain with the
 * shutdown delay {@link SharedStack} gives every service.
 */
final class Replica {

  private static final Duration READY_WAIT = Duration.ofSeconds(180);
  private static final Duration EXIT_WAIT = Duration.ofSeconds(60);

  private final Stack stack;
  private final String service;
  private final int port;
  private final boolean spare;
  private final AtomicInteger served = new AtomicInteger();
  private volatile Process process;

  private Replica(Stack stack, String service, int port, boolean spare) {
    this.stack = stack;
    this.service = service;
    this.port = port;
    this.spare = spare;
  }

  /** The process the stack runs for {@code service}. */
  static Replica original(Stack stack, String service) {
    return new Replica(stack, service, stack.config().port(Service.byId(service)), false);
  }

  /** A second process of {@code service} on {@code port}, not started yet. */
  static Replica spare(Stack stack, String service, int port) {
    return new Replica(stack, service, port, true);
  }

  /**
   * A port for a spare replica of {@code service} inside the stack's own range: the stack's port
   * base + 10 + the service's offset (the stack itself uses base+0 to base+9).
   */
  static int sparePort(Stack stack, String service) {
    return stack.config().port(Service.GATEWAY) + 10 + Service.byId(service).baseOffset();
  }

  String name() {
    return service + (spare ? " spare" : " original") + " :" + port;
  }

  String url() {
    return "http://127.0.0.1:" + port;
  }

  /** Requests this replica answered with 200 (counted by {@link ReadyClient}). */
  AtomicInteger served() {
    return served;
  }

  /** Starts it and waits until it is ready. */
  void start(HttpClient http) throws IOException, InterruptedException {
    if (!spare) {
      stack.startService(service); // the launcher waits for readiness
      return;
    }
    Map<String, String> env = stack.environmentOf(service);
    env.put("QUARKUS_HTTP_PORT", Integer.toString(port));
    Path log = stack.config().logsDir().resolve(service + "-replica-" + port + ".log");
    ProcessBuilder builder =
        new ProcessBuilder(stack.commandOf(service))
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    builder.environment().putAll(env);
    process = builder.start();
    long deadline = System.nanoTime() + READY_WAIT.toNanos();
    while (!isReady(http)) {
      if (!process.isAlive() || System.nanoTime() > deadline) {
        throw new AssertionError(name() + " not ready within " + READY_WAIT + "; see " + log);
      }
      Thread.sleep(250);
    }
  }

  /**
   * Sends SIGTERM and waits until the process has drained and exited.
   *
   * @return its exit code (0 or 143 when it stopped by itself; 137 when the launcher had to kill
   *     it)
   */
  int terminate() throws InterruptedException {
    if (!spare) {
      return stack.stopService(service);
    }
    Process current = process;
    current.destroy();
    if (!current.waitFor(EXIT_WAIT.toSeconds(), TimeUnit.SECONDS)) {
      current.destroyForcibly().waitFor();
      return -1;
    }
    return current.exitValue();
  }

  /** Leaves things as the stack had them: a spare is killed, the original runs again. */
  void cleanUp() {
    if (spare) {
      Process current = process;
      if (current != null) {
        current.destroyForcibly();
      }
    } else if (!stack.isRunning(service)) {
      stack.startService(service);
    }
  }

  /** Whether {@code /health/ready} answers 200 now. */
  boolean isReady(HttpClient http) {
    try {
      HttpResponse<Void> response =
          http.send(
              HttpRequest.newBuilder(URI.create(url() + "/health/ready"))
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

  /** GETs {@code path} with {@code token}: null when answered 200, else what went wrong. */
  String get(HttpClient http, String path, String token) {
    try {
      HttpResponse<String> response =
          http.send(
              HttpRequest.newBuilder(URI.create(url() + path))
                  .header("Authorization", "Bearer " + token)
                  .timeout(Duration.ofSeconds(10))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() == 200) {
        served.incrementAndGet();
        return null;
      }
      return "HTTP " + response.statusCode() + " from " + name() + ": " + response.body();
    } catch (IOException e) {
      return e.getClass().getSimpleName() + " from " + name() + ": " + e.getMessage();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }

  @Override
  public String toString() {
    return name();
  }
}
