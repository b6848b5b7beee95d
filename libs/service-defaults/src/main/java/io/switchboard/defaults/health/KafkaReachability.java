package io.switchboard.defaults.health;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;

/**
 * What the last probe of the Kafka broker found. {@link #probe()} asks the cluster for its nodes
 * and waits at most the timeout; {@link #current()} never touches the network, so a readiness
 * request answers at once whatever the broker does. An answer older than {@code staleAfter} counts
 * as unreachable: a probe that hangs cannot keep a replica ready.
 */
public final class KafkaReachability implements AutoCloseable {

  /** One observation: whether the broker answered, what it said, and when. */
  public record Observation(boolean up, String detail, Instant at) {}

  private final Supplier<Admin> connect;
  private Admin admin;
  private final Duration timeout;
  private final Duration staleAfter;
  private final Clock clock;
  private volatile Observation last;

  public KafkaReachability(
      Supplier<Admin> connect, Duration timeout, Duration staleAfter, Clock clock) {
    this.connect = connect;
    this.timeout = timeout;
    this.staleAfter = staleAfter;
    this.clock = clock;
    this.last = new Observation(false, "not probed yet", clock.instant());
  }

  /**
   * Asks the broker for its nodes, waiting at most the timeout, and remembers the answer. The
   * client is made on the first probe (a broker name that does not resolve yet is a failed probe,
   * not a failed start). One thread probes at a time.
   */
  public synchronized Observation probe() {
    Observation observation;
    try {
      if (admin == null) {
        admin = connect.get();
      }
      String nodes =
          admin
              .describeCluster(new DescribeClusterOptions().timeoutMs((int) timeout.toMillis()))
              .nodes()
              .get(timeout.toMillis(), TimeUnit.MILLISECONDS)
              .stream()
              .map(node -> node.host() + ":" + node.port())
              .collect(Collectors.joining(","));
      observation = new Observation(true, nodes, clock.instant());
    } catch (TimeoutException e) {
      observation = down("no answer within " + timeout.toMillis() + " ms");
    } catch (ExecutionException | RuntimeException e) {
      observation = down(rootCause(e));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      observation = down("probe interrupted");
    }
    last = observation;
    return observation;
  }

  /** The last observation, turned down when it is too old to trust. */
  public Observation current() {
    Observation observation = last;
    Duration age = Duration.between(observation.at(), clock.instant());
    if (observation.up() && age.compareTo(staleAfter) > 0) {
      return new Observation(false, "no answer for " + age.toSeconds() + " s", observation.at());
    }
    return observation;
  }

  @Override
  public synchronized void close() {
    if (admin != null) {
      admin.close(Duration.ofSeconds(1));
    }
  }

  private static String rootCause(Throwable failure) {
    Throwable cause = failure;
    while (cause.getCause() != null && cause.getCause() != cause) {
      cause = cause.getCause();
    }
    return cause.getClass().getSimpleName() + ": " + cause.getMessage();
  }

  private Observation down(String detail) {
    return new Observation(false, detail, clock.instant());
  }
}
