package io.switchboard.gateway.ws;

import static io.switchboard.gateway.ws.SocketTestSupport.event;
import static io.switchboard.gateway.ws.SocketTestSupport.open;
import static io.switchboard.gateway.ws.SocketTestSupport.subscribe;
import static io.switchboard.gateway.ws.SocketTestSupport.withToken;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.switchboard.defaults.event.Topics;
import io.switchboard.defaults.security.RevokedSessions;
import io.switchboard.gateway.support.WebSocketUp;
import io.switchboard.gateway.support.WsClient;
import io.switchboard.gateway.ws.messaging.EventFeed;
import io.switchboard.testing.KafkaProbe;
import io.switchboard.testing.TestTokens;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Connections the gateway drops on its own: a signed-out session, a client too slow to read. */
@QuarkusTest
@TestProfile(WebSocketUp.class)
class EventSocketDropTest {

  @TestHTTPResource("/ws")
  URI http;

  @ConfigProperty(name = "kafka.bootstrap.servers")
  String bootstrapServers;

  @Inject EventFeed feed;

  @Inject RevokedSessions revokedSessions;

  @Inject SocketRegistry registry;

  @Inject MeterRegistry meters;

  private KafkaProbe kafka;

  @BeforeEach
  void awaitFeed() throws InterruptedException {
    kafka = new KafkaProbe(bootstrapServers);
    long deadline = System.nanoTime() + 30_000_000_000L;
    while (!feed.live() && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertThat(feed.live()).as("the event feed follows its topics").isTrue();
  }

  @Test
  void shouldDropAClientThatStopsReadingInsteadOfBufferingWithoutBound()
      throws InterruptedException {
    UUID user = UUID.randomUUID();
    String agentId = UUID.randomUUID().toString();
    double before = tooSlow();
    WsClient stalled = open(http, TestTokens.user(user));
    subscribe(stalled, "\"agent.message\"");
    stalled.stopReading();
    // 512 KiB events: more than the socket buffers hold, then more than the send queue.
    String pad = "x".repeat(512 * 1024);
    try (KafkaProducer<String, String> producer = producer()) {
      for (int i = 0; i < 48 && tooSlow() == before; i++) {
        producer.send(
            new ProducerRecord<>(
                Topics.AGENT_EVENTS,
                agentId,
                event("agent.message", user, (long) i, "{\"pad\":\"" + pad + "\"}")));
        producer.flush();
      }
    }
    long deadline = System.nanoTime() + 30_000_000_000L;
    while (tooSlow() == before && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertThat(tooSlow()).isGreaterThan(before);
    // Closed for good: the connection leaves the registry (once the close handshake times out).
    while (!registry.sessionsOf(user.toString()).isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertThat(registry.sessionsOf(user.toString())).isEmpty();
    stalled.close();
  }

  private double tooSlow() {
    return meters.counter("switchboard.gateway.ws.closes", "cause", "too_slow").count();
  }

  private KafkaProducer<String, String> producer() {
    Properties config = new Properties();
    config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    return new KafkaProducer<>(config, new StringSerializer(), new StringSerializer());
  }

  @Test
  void shouldCloseWith4001WhenTheSessionIsSignedOutWhileConnected() throws InterruptedException {
    UUID user = UUID.randomUUID();
    String sessionId = UUID.randomUUID().toString();
    String token =
        TestTokens.sign(TestTokens.claims(user, java.util.Set.of("user")).claim("sid", sessionId));
    WsClient client = open(http, token);
    kafka.send(Topics.AUTH_EVENTS, user.toString(), SocketTestSupport.revoked(user, sessionId));
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (!revokedSessions.isRevoked(sessionId) && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    long learned = System.nanoTime();

    assertThat(client.closeCode()).isEqualTo(4001);
    // Once this replica knows of the sign-out, the socket goes within two seconds.
    assertThat(Duration.ofNanos(System.nanoTime() - learned)).isLessThan(Duration.ofSeconds(2));
    // A new connection with the same token is refused too.
    assertThat(WsClient.connect(withToken(http, token)).closeCode()).isEqualTo(4001);
  }
}
