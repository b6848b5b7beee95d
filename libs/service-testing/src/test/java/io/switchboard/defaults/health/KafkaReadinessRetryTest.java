package io.switchboard.defaults.health;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.switchboard.testing.FreePorts;
import io.switchboard.testing.TestKafka;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponse.Status;
import org.junit.jupiter.api.Test;

/**
 * A replica that starts before its broker turns ready soon after the broker answers, not a whole
 * probe interval later: the interval here is an hour, so only the retry while down can do it. The
 * first probe runs beside the start-up, never in it.
 */
class KafkaReadinessRetryTest {

  @Test
  void shouldTurnReadySoonAfterABrokerThatWasMissingAtStartAnswers() throws Exception {
    // Not port 0: the broker started next binds port 0 and could be handed a released one.
    int port = FreePorts.freePort();
    KafkaReadiness readiness =
        new KafkaReadiness(
            config(Duration.ofHours(1), Duration.ofMillis(200)),
            Map.of("bootstrap.servers", "127.0.0.1:" + port),
            "retry-test");
    try (TestKafka kafka = TestKafka.start()) {
      readiness.start(null);
      assertEquals(Status.DOWN, readiness.call().getStatus(), "nothing listens yet");

      try (Forwarder broker = new Forwarder(port, kafka.bootstrapServers())) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (readiness.call().getStatus() != Status.UP && System.nanoTime() < deadline) {
          Thread.sleep(100);
        }
        assertEquals(
            Status.UP, readiness.call().getStatus(), String.valueOf(readiness.call().getData()));
      }
    } finally {
      readiness.stop(null);
    }
  }

  @Test
  void shouldNotHoldUpTheStartForTheFirstProbe() throws Exception {
    // A "broker" that takes connections and never answers: a probe of it lasts its whole timeout.
    try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      Thread accepting =
          new Thread(
              () -> {
                List<Socket> held = new ArrayList<>();
                while (!silent.isClosed()) {
                  try {
                    held.add(silent.accept());
                  } catch (IOException closed) {
                    return;
                  }
                }
              });
      accepting.setDaemon(true);
      accepting.start();
      KafkaReadiness readiness =
          new KafkaReadiness(
              config(Duration.ofHours(1), Duration.ofHours(1), Duration.ofSeconds(30)),
              Map.of("bootstrap.servers", "127.0.0.1:" + silent.getLocalPort()),
              "silent-test");
      try {
        readiness.start(null);
        // Had the start waited for the probe, the reason would be its timeout.
        HealthCheckResponse answer = readiness.call();
        assertEquals(Status.DOWN, answer.getStatus());
        assertEquals("not probed yet", answer.getData().orElseThrow().get("reason"));
      } finally {
        readiness.stop(null);
      }
    }
  }

  private static KafkaHealthConfig config(Duration interval, Duration retryInterval) {
    return config(interval, retryInterval, Duration.ofSeconds(2));
  }

  private static KafkaHealthConfig config(
      Duration interval, Duration retryInterval, Duration timeout) {
    return new KafkaHealthConfig() {
      @Override
      public boolean enabled() {
        return true;
      }

      @Override
      public Duration interval() {
        return interval;
      }

      @Override
      public Duration retryInterval() {
        return retryInterval;
      }

      @Override
      public Duration timeout() {
        return timeout;
      }
    };
  }

  /** The broker's bootstrap address appearing late: a TCP forwarder opened on the given port. */
  private static final class Forwarder implements AutoCloseable {
    private final ServerSocket server;

    Forwarder(int port, String target) throws IOException {
      server = new ServerSocket(port, 50, InetAddress.getLoopbackAddress());
      String host = target.substring(0, target.lastIndexOf(':'));
      int targetPort = Integer.parseInt(target.substring(target.lastIndexOf(':') + 1));
      daemon(
          () -> {
            while (!server.isClosed()) {
              try {
                Socket client = server.accept();
                Socket upstream = new Socket(host, targetPort);
                daemon(() -> pump(client, upstream));
                daemon(() -> pump(upstream, client));
              } catch (IOException closed) {
                return;
              }
            }
          });
    }

    private static void pump(Socket from, Socket to) {
      try (InputStream in = from.getInputStream();
          OutputStream out = to.getOutputStream()) {
        in.transferTo(out);
      } catch (IOException ended) {
        // one side closed: the other follows
      } finally {
        closeQuietly(from);
        closeQuietly(to);
      }
    }

    private static void closeQuietly(Socket socket) {
      try {
        socket.close();
      } catch (IOException ignored) {
        // already closed
      }
    }

    private static void daemon(Runnable work) {
      Thread thread = new Thread(work, "forwarder");
      thread.setDaemon(true);
      thread.start();
    }

    @Override
    public void close() throws IOException {
      server.close();
    }
  }
}
