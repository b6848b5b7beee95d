package io.switchboard.launcher;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.BooleanSupplier;

/** Asks services {@code GET /health/ready} until they answer 200. */
final class Readiness {
  private static final Duration POLL = Duration.ofMillis(250);

  private final HttpClient client =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  /** The status of {@code GET <baseUrl>/health/ready}, or -1 when nothing answers. */
  int status(String baseUrl) {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(baseUrl + "/health/ready"))
            .timeout(Duration.ofSeconds(3))
            .GET()
            .build();
    try {
      return client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  /**
   * Waits until every process of {@code processes} is ready, telling {@code onReady} how long each
   * took.
   *
   * @throws StackException when one exits, when {@code timeout} passes, or when {@code cancelled}
   */
  void await(
      StackConfig config,
      List<ServiceProcess> processes,
      BooleanSupplier cancelled,
      BiConsumer<Service, Duration> onReady) {
    long start = System.nanoTime();
    long deadline = start + config.readyTimeout().toNanos();
    Set<ServiceProcess> pending = new LinkedHashSet<>(processes);
    while (true) {
      for (Iterator<ServiceProcess> it = pending.iterator(); it.hasNext(); ) {
        ServiceProcess process = it.next();
        if (!process.isAlive()) {
          throw new StackException(process.failure("exited"));
        }
        if (status(config.url(process.service())) == 200) {
          onReady.accept(process.service(), Duration.ofNanos(System.nanoTime() - start));
          it.remove();
        }
      }
      if (pending.isEmpty()) {
        return;
      }
      if (cancelled.getAsBoolean()) {
        throw new StackException("startup cancelled: the stack is stopping");
      }
      if (System.nanoTime() > deadline) {
        List<String> names = new ArrayList<>();
        pending.forEach(p -> names.add(p.service().id()));
        ServiceProcess first = pending.iterator().next();
        throw new StackException(
            first.failure(
                "was not ready within "
                    + config.readyTimeout().toSeconds()
                    + " s (GET "
                    + config.url(first.service())
                    + "/health/ready; not ready: "
                    + String.join(", ", names)
                    + ")"));
      }
      try {
        Thread.sleep(POLL.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new StackException("interrupted while waiting for the services");
      }
    }
  }
}
