package io.switchboard.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.launcher.Stack;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 11, rolling restarts (after issue 9's single graceful stop): for every service, one at a
 * time, a spare replica joins the stack's own, {@link ReadyClient} keeps constant load on a cheap
 * authenticated read of both, the original gets SIGTERM, is started again, then the spare gets
 * SIGTERM. No client request may fail, and every phase must serve a minimum of requests. The
 * gateway also holds WebSockets on the replica being stopped: each is closed with 1012 and
 * reconnected to the other replica.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RollingRestartIT {

  /** Requests a waited-for phase must see on each replica named in it. */
  static final int MIN_PER_PHASE = 20;

  /** Requests the remaining replica must serve while the other drains (2 s delay at least). */
  static final int MIN_WHILE_DRAINING = 10;

  static final int LOAD_THREADS = 3;
  static final Duration PAUSE = Duration.ofMillis(10);
  static final Duration PHASE_WAIT = Duration.ofSeconds(90);
  static final int SOCKETS = 3;

  /** The gateway is loaded with a read through it to vault-service. */
  static final String GATEWAY_READ = "/api/vault";

  private static final List<String> REPORT = new CopyOnWriteArrayList<>();
  private static final HttpClient HTTP =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(2))
          .build();
  private static String token;

  @BeforeAll
  static void register() throws Exception {
    SharedStack.get();
    token = SharedStack.register("rolling"); // auth-service's /me needs an account
  }

  static Stream<String> services() {
    return SharedStack.USER_READS.keySet().stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("services")
  @Order(1)
  void shouldRestartEachReplicaInTurnWithoutAFailedRequest(String service) throws Exception {
    Rolling rolling = new Rolling(service, null);
    rolling.run();
    rolling.check();
  }

  @Test
  @Order(2)
  void shouldRestartTheGatewayAndMoveItsWebSocketsToTheOtherReplica() throws Exception {
    SocketMover sockets = new SocketMover(token, SOCKETS);
    Rolling rolling = new Rolling("gateway", sockets);
    try {
      rolling.run();
    } finally {
      sockets.close();
    }
    rolling.check();
    assertThat(sockets.closes()).as("close codes").allMatch(cause -> cause.startsWith("1012 "));
    assertThat(sockets.reconnections()).isEqualTo(2 * SOCKETS);
    assertThat(sockets.controlsKept()).as("sockets on the staying replica").isEqualTo(2);
    REPORT.add(
        String.format(
            "gateway WebSockets: %d closed with 1012 and reconnected to the other replica, %d"
                + " sockets on the staying replica kept open",
            sockets.reconnections(), sockets.controlsKept()));
  }

  @AfterAll
  static void report() {
    REPORT.forEach(line -> System.out.println("[e2e] rolling restart: " + line));
  }

  /** What one phase saw: requests served by each replica, and failures, meanwhile. */
  record Phase(String name, int original, int spare, int failures) {}

  /** One service's rolling restart under load. */
  private static final class Rolling {
    private final String service;
    private final SocketMover sockets;
    private final String path;
    private final List<Phase> phases = new ArrayList<>();
    private final List<Integer> exits = new ArrayList<>();
    private List<String> failures = List.of();
    private Replica original;
    private Replica spare;
    private ReadyClient client;

    Rolling(String service, SocketMover sockets) {
      this.service = service;
      this.sockets = sockets;
      this.path = SharedStack.USER_READS.getOrDefault(service, GATEWAY_READ);
    }

    void run() throws Exception {
      Stack stack = SharedStack.get();
      original = Replica.original(stack, service);
      spare = Replica.spare(stack, service, Replica.sparePort(stack, service));
      long began = System.nanoTime();
      try {
        spare.start(HTTP);
        for (int i = 0; i < 10; i++) { // a cold JVM is slow to answer at first
          assertThat(original.get(HTTP, path, token)).isNull();
          assertThat(spare.get(HTTP, path, token)).isNull();
        }
        client =
            ReadyClient.start(HTTP, List.of(original, spare), path, token, LOAD_THREADS, PAUSE);
        try {
          phase("both", () -> awaitMore(MIN_PER_PHASE, original, spare));
          phase("original stopping", () -> stop(original, spare));
          phase("original starting", () -> original.start(HTTP));
          phase("both again", () -> awaitMore(MIN_PER_PHASE, original, spare));
          phase("spare stopping", () -> stop(spare, original));
          phase("original alone", () -> awaitMore(MIN_PER_PHASE, original));
        } finally {
          client.close();
          failures = client.failures();
        }
      } finally {
        spare.cleanUp();
        original.cleanUp();
      }
      int served = phases.stream().mapToInt(p -> p.original() + p.spare()).sum();
      REPORT.add(
          String.format(
              "%s: %d requests served, %d failed, in %d s; per phase (original/spare) %s; exit"
                  + " codes %s",
              service,
              served,
              failures.size(),
              Duration.ofNanos(System.nanoTime() - began).toSeconds(),
              phases.stream()
                  .map(p -> p.name() + " " + p.original() + "/" + p.spare())
                  .reduce((a, b) -> a + ", " + b)
                  .orElse(""),
              exits));
    }

    void check() {
      assertThat(failures).as(service + ": failed requests").isEmpty();
      assertThat(exits)
          .as(service + ": exit codes after SIGTERM")
          .allMatch(c -> c == 0 || c == 143);
      Map<String, Phase> byName = new LinkedHashMap<>();
      phases.forEach(p -> byName.put(p.name(), p));
      assertThat(byName.get("both").original()).isGreaterThanOrEqualTo(MIN_PER_PHASE);
      assertThat(byName.get("both").spare()).isGreaterThanOrEqualTo(MIN_PER_PHASE);
      assertThat(byName.get("original stopping").spare())
          .isGreaterThanOrEqualTo(MIN_WHILE_DRAINING);
      assertThat(byName.get("original starting").spare()).isGreaterThanOrEqualTo(MIN_PER_PHASE);
      assertThat(byName.get("both again").original()).isGreaterThanOrEqualTo(MIN_PER_PHASE);
      assertThat(byName.get("both again").spare()).isGreaterThanOrEqualTo(MIN_PER_PHASE);
      assertThat(byName.get("spare stopping").original())
          .isGreaterThanOrEqualTo(MIN_WHILE_DRAINING);
      assertThat(byName.get("original alone").original()).isGreaterThanOrEqualTo(MIN_PER_PHASE);
      assertThat(byName.get("original alone").spare()).as("stopped: nothing served").isZero();
    }

    private void stop(Replica leaving, Replica staying) throws Exception {
      if (sockets == null) {
        exits.add(leaving.terminate());
        return;
      }
      sockets.holdOn(leaving, staying);
      CompletableFuture<Integer> exit =
          CompletableFuture.supplyAsync(
              () -> {
                try {
                  return leaving.terminate();
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                  throw new CompletionException(e);
                }
              });
      sockets.moveWhenClosed(client, leaving);
      exits.add(exit.join());
    }

    private void phase(String name, Step step) throws Exception {
      int originalBefore = original.served().get();
      int spareBefore = spare.served().get();
      int failuresBefore = client.failures().size();
      step.run();
      phases.add(
          new Phase(
              name,
              original.served().get() - originalBefore,
              spare.served().get() - spareBefore,
              client.failures().size() - failuresBefore));
    }

    private static void awaitMore(int more, Replica... replicas) throws InterruptedException {
      for (Replica replica : replicas) {
        AtomicInteger served = replica.served();
        int target = served.get() + more;
        ReadyClient.await(() -> served.get() >= target, PHASE_WAIT);
      }
    }
  }

  @FunctionalInterface
  private interface Step {
    void run() throws Exception;
  }
}
