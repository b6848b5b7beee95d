package io.switchboard.defaults.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.switchboard.defaults.event.Topics;
import io.switchboard.testing.TestKafka;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The replay of {@code auth.events} behind readiness, against a real broker. Each listener polls
 * with a one-minute wait, so "caught up" coming within seconds shows it did not wait for a poll.
 */
class RevocationListenerTest {

  private static final Duration LONG_POLL = Duration.ofMinutes(1);
  private static TestKafka kafka;

  @BeforeAll
  static void startBroker() throws Exception {
    kafka = TestKafka.start();
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
      admin.createTopics(List.of(new NewTopic(Topics.AUTH_EVENTS, 2, (short) 1))).all().get();
    }
  }

  @AfterAll
  static void stopBroker() throws Exception {
    kafka.close();
  }

  @Test
  void shouldBeCaughtUpAtOnceWhenThereIsNothingToReplay() throws Exception {
    RevocationListener listener = listener(new RevokedSessions(), Duration.ZERO);
    try {
      listener.start(new StartupEvent());

      assertThat(awaitCaughtUp(listener)).as("caught up without waiting for a poll").isTrue();
    } finally {
      listener.stop(new ShutdownEvent());
    }
  }

  @Test
  void shouldBeCaughtUpOnlyOnceTheRevocationsInTheReplayAreKnown() throws Exception {
    String session = "s-" + System.nanoTime();
    send(
        "{\"type\":\"session.revoked\",\"data\":{\"sessionId\":\""
            + session
            + "\",\"expiresAt\":\""
            + Instant.now().plus(Duration.ofHours(1))
            + "\"}}");
    RevokedSessions sessions = new RevokedSessions();
    RevocationListener listener = listener(sessions, Duration.ofHours(2));
    try {
      listener.start(new StartupEvent());

      assertThat(awaitCaughtUp(listener)).isTrue();
      assertThat(sessions.isRevoked(session))
          .as("revoked before the listener said caught up")
          .isTrue();
    } finally {
      listener.stop(new ShutdownEvent());
    }
  }

  private static RevocationListener listener(RevokedSessions sessions, Duration replay) {
    RevocationConfig config =
        new RevocationConfig() {
          @Override
          public boolean enabled() {
            return true;
          }

          @Override
          public Duration replay() {
            return replay;
          }
        };
    return new RevocationListener(
        config,
        sessions,
        new ObjectMapper(),
        Map.of("bootstrap.servers", kafka.bootstrapServers()),
        LONG_POLL);
  }

  /** Whether the listener says it caught up within 15 s (a quarter of its poll wait). */
  private static boolean awaitCaughtUp(RevocationListener listener) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
    while (!listener.caughtUp() && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    return listener.caughtUp();
  }

  private static void send(String event) throws Exception {
    Properties settings = new Properties();
    settings.put("bootstrap.servers", kafka.bootstrapServers());
    try (KafkaProducer<String, String> producer =
        new KafkaProducer<>(settings, new StringSerializer(), new StringSerializer())) {
      producer.send(new ProducerRecord<>(Topics.AUTH_EVENTS, "key", event)).get();
    }
  }
}
