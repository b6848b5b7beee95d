package io.switchboard.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.defaults.health.KafkaReachability;
import io.switchboard.defaults.health.KafkaReachability.Observation;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The background Kafka probe behind readiness, against a real broker and against none. */
class KafkaReachabilityTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(2);
  private static TestKafka kafka;

  @BeforeAll
  static void startBroker() {
    kafka = TestKafka.start();
  }

  @AfterAll
  static void stopBroker() throws Exception {
    kafka.close();
  }

  @Test
  void shouldBeUpWhenTheBrokerAnswers() {
    try (KafkaReachability reachability = probeOf(kafka.bootstrapServers(), Clock.systemUTC())) {
      Observation observation = reachability.probe();
      assertTrue(observation.up(), observation.detail());
      String port = kafka.bootstrapServers().substring(kafka.bootstrapServers().lastIndexOf(':'));
      assertTrue(observation.detail().contains(port), observation.detail());
      assertTrue(reachability.current().up());
    }
  }

  @Test
  void shouldBeDownBeforeTheFirstProbe() {
    try (KafkaReachability reachability = probeOf(kafka.bootstrapServers(), Clock.systemUTC())) {
      assertFalse(reachability.current().up());
      assertEquals("not probed yet", reachability.current().detail());
    }
  }

  @Test
  void shouldBeDownWhenNothingListens() {
    int port = FreePorts.freePort();
    try (KafkaReachability reachability = probeOf("127.0.0.1:" + port, Clock.systemUTC())) {
      Observation observation = reachability.probe();
      assertFalse(observation.up());
      assertFalse(reachability.current().up());
    }
  }

  @Test
  void shouldCountABrokerNameThatDoesNotResolveAsDownNotAsAFailedStart() {
    try (KafkaReachability reachability =
        probeOf("no-such-broker.invalid:9092", Clock.systemUTC())) {
      Observation observation = reachability.probe();
      assertFalse(observation.up());
      assertTrue(observation.detail().contains("ConfigException"), observation.detail());
    }
  }

  @Test
  void shouldTurnDownWhenTheLastAnswerIsTooOld() {
    MovableClock clock = new MovableClock();
    try (KafkaReachability reachability = probeOf(kafka.bootstrapServers(), clock)) {
      assertTrue(reachability.probe().up());
      clock.advance(Duration.ofSeconds(10));
      assertTrue(reachability.current().up(), "within the stale limit");
      clock.advance(Duration.ofSeconds(11));
      Observation stale = reachability.current();
      assertFalse(stale.up());
      assertTrue(stale.detail().startsWith("no answer for 21 s"), stale.detail());
    }
  }

  @Test
  void shouldTurnDownWhenTheBrokerGoesAwayAndUpWhenAnotherAnswers() throws Exception {
    TestKafka doomed = TestKafka.start();
    try (KafkaReachability reachability = probeOf(doomed.bootstrapServers(), Clock.systemUTC())) {
      assertTrue(reachability.probe().up());
      doomed.close();
      Observation observation = reachability.probe();
      assertFalse(observation.up(), observation.detail());
      assertFalse(reachability.current().up());
    }
  }

  private static KafkaReachability probeOf(String bootstrap, Clock clock) {
    return new KafkaReachability(
        () ->
            Admin.create(
                Map.of(
                    AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                    AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis(),
                    AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis())),
        TIMEOUT,
        Duration.ofSeconds(20),
        clock);
  }

  /** A clock the test moves by hand. */
  private static final class MovableClock extends Clock {
    private Instant now = Instant.parse("2026-11-28T12:00:00Z");

    void advance(Duration by) {
      now = now.plus(by);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }
}
