package io.switchboard.gateway.ws;

import static io.switchboard.gateway.ws.SocketTestSupport.event;
import static io.switchboard.gateway.ws.SocketTestSupport.open;
import static io.switchboard.gateway.ws.SocketTestSupport.subscribe;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.switchboard.defaults.event.Topics;
import io.switchboard.gateway.support.WebSocketUp;
import io.switchboard.gateway.support.WsClient;
import io.switchboard.gateway.ws.messaging.EventFeed;
import io.switchboard.testing.KafkaProbe;
import io.switchboard.testing.TestTokens;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Events from the real broker reach exactly the connections that subscribed to them. */
@QuarkusTest
@TestProfile(WebSocketUp.class)
class EventSocketTest {

  @TestHTTPResource("/ws")
  URI http;

  @ConfigProperty(name = "kafka.bootstrap.servers")
  String bootstrapServers;

  @Inject EventFeed feed;

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
  void shouldDeliverASubscribedAgentEventToItsUserAsAFrame() {
    UUID user = UUID.randomUUID();
    String agentId = UUID.randomUUID().toString();
    try (WsClient client = open(http, TestTokens.user(user))) {
      subscribe(client, "\"agent.status\"");
      kafka.send(
          Topics.AGENT_EVENTS,
          agentId,
          event(
              "agent.status",
              user,
              7L,
              "{\"agentId\":\"" + agentId + "\",\"status\":\"running\"}"));

      JsonNode frame = client.next("agent.status");
      assertThat(frame.path("agentId").asText()).isEqualTo(agentId);
      assertThat(frame.path("seq").asLong()).isEqualTo(7);
      assertThat(frame.path("data").path("status").asText()).isEqualTo("running");
      assertThat(frame.path("timestamp").asText()).isNotBlank();
      assertThat(frame.has("event")).isFalse();
    }
  }

  @Test
  void shouldNeverDeliverAnotherUsersEvent() {
    UUID user = UUID.randomUUID();
    String agentId = UUID.randomUUID().toString();
    try (WsClient client = open(http, TestTokens.user(user))) {
      subscribe(client, "\"agent.message\"");
      // Same key, same partition: the other user's event comes first, then ours.
      kafka.send(
          Topics.AGENT_EVENTS,
          agentId,
          event("agent.message", UUID.randomUUID(), 1L, "{\"text\":\"not yours\"}"));
      kafka.send(
          Topics.AGENT_EVENTS, agentId, event("agent.message", user, 2L, "{\"text\":\"yours\"}"));

      JsonNode frame = client.next("agent.message");
      assertThat(frame.path("data").path("text").asText()).isEqualTo("yours");
      assertThat(frame.path("agentId").asText()).isEqualTo(agentId);
    }
  }

  @Test
  void shouldNotDeliverEventsOfChannelsNotSubscribed() {
    UUID user = UUID.randomUUID();
    String agentId = UUID.randomUUID().toString();
    try (WsClient client = open(http, TestTokens.user(user))) {
      subscribe(client, "\"agent.status\"");
      kafka.send(Topics.AGENT_EVENTS, agentId, event("agent.tool_call", user, 1L, "{}"));
      kafka.send(Topics.AGENT_EVENTS, agentId, event("agent.message", user, 2L, "{}"));
      kafka.send(Topics.AGENT_EVENTS, agentId, event("agent.status", user, 3L, "{}"));

      assertThat(client.next("agent.status").path("seq").asLong()).isEqualTo(3);
    }
  }

  @Test
  void shouldStopDeliveringAfterUnsubscribe() {
    UUID user = UUID.randomUUID();
    String agentId = UUID.randomUUID().toString();
    try (WsClient client = open(http, TestTokens.user(user))) {
      subscribe(client, "\"agent.status\",\"agent.message\"");
      JsonNode ack =
          client
              .send("{\"type\":\"unsubscribe\",\"channels\":[\"agent.status\"]}")
              .next("unsubscribed");
      assertThat(ack.path("channels").get(0).asText()).isEqualTo("agent.status");
      kafka.send(Topics.AGENT_EVENTS, agentId, event("agent.status", user, 1L, "{}"));
      kafka.send(Topics.AGENT_EVENTS, agentId, event("agent.message", user, 2L, "{}"));

      assertThat(client.next("agent.message").path("seq").asLong()).isEqualTo(2);
    }
  }

  @Test
  void shouldDeliverToEveryConnectionOfTheUser() {
    UUID user = UUID.randomUUID();
    String agentId = UUID.randomUUID().toString();
    try (WsClient first = open(http, TestTokens.user(user));
        WsClient second = open(http, TestTokens.user(user))) {
      subscribe(first, "\"agent.message\"");
      subscribe(second, "\"agent.message\"");
      kafka.send(Topics.AGENT_EVENTS, agentId, event("agent.message", user, 5L, "{}"));

      assertThat(first.next("agent.message").path("seq").asLong()).isEqualTo(5);
      assertThat(second.next("agent.message").path("seq").asLong()).isEqualTo(5);
    }
  }

  @Test
  void shouldNarrowASubscriptionToOneAgent() {
    UUID user = UUID.randomUUID();
    String mine = UUID.randomUUID().toString();
    String other = UUID.randomUUID().toString();
    try (WsClient client = open(http, TestTokens.user(user))) {
      JsonNode ack =
          client
              .send(
                  "{\"type\":\"subscribe\",\"channels\":[\"agent.status\"],\"agentId\":\""
                      + mine
                      + "\"}")
              .next("subscribed");
      assertThat(ack.path("agentId").asText()).isEqualTo(mine);
      String key = UUID.randomUUID().toString();
      kafka.send(
          Topics.AGENT_EVENTS,
          key,
          event("agent.status", user, 1L, "{\"agentId\":\"" + other + "\"}"));
      kafka.send(
          Topics.AGENT_EVENTS,
          key,
          event("agent.status", user, 2L, "{\"agentId\":\"" + mine + "\"}"));

      JsonNode frame = client.next("agent.status");
      assertThat(frame.path("agentId").asText()).isEqualTo(mine);
      assertThat(frame.path("seq").asLong()).isEqualTo(2);
    }
  }

  @Test
  void shouldTakeTheAgentIdFromTheRecordKeyWhenTheEventHasNone() {
    UUID user = UUID.randomUUID();
    String agentId = UUID.randomUUID().toString();
    try (WsClient client = open(http, TestTokens.user(user))) {
      subscribe(client, "\"agent.tool_call\"");
      kafka.send(
          Topics.AGENT_EVENTS, agentId, event("agent.tool_call", user, 4L, "{\"tool\":\"x\"}"));

      assertThat(client.next("agent.tool_call").path("agentId").asText()).isEqualTo(agentId);
    }
  }

  @Test
  void shouldRouteApprovalNotificationAndPipelineEvents() {
    UUID user = UUID.randomUUID();
    try (WsClient client = open(http, TestTokens.user(user))) {
      subscribe(client, "\"approval.requested\",\"notification\",\"pipeline.status\"");
      String key = user.toString();
      kafka.send(Topics.APPROVAL_EVENTS, key, event("approval.resolved", user, null, "{}"));
      kafka.send(
          Topics.APPROVAL_EVENTS, key, event("approval.requested", user, null, "{\"id\":\"a1\"}"));
      JsonNode approval = client.next("approval.requested");
      assertThat(approval.path("data").path("id").asText()).isEqualTo("a1");

      kafka.send(Topics.NOTIFICATIONS, key, event("notification.created", user, null, "{\"n\":1}"));
      JsonNode notification = client.next("notification");
      assertThat(notification.path("event").asText()).isEqualTo("notification.created");
      assertThat(notification.path("data").path("n").asInt()).isEqualTo(1);

      kafka.send(
          Topics.PIPELINE_EVENTS,
          UUID.randomUUID().toString(),
          event("pipeline.run.completed", user, null, "{\"runId\":\"r1\"}"));
      JsonNode pipeline = client.next("pipeline.status");
      assertThat(pipeline.path("event").asText()).isEqualTo("pipeline.run.completed");
      assertThat(pipeline.path("data").path("runId").asText()).isEqualTo("r1");
    }
  }

  @Test
  void shouldSurviveAnUnreadableRecord() {
    UUID user = UUID.randomUUID();
    String agentId = UUID.randomUUID().toString();
    try (WsClient client = open(http, TestTokens.user(user))) {
      subscribe(client, "\"agent.status\"");
      kafka.send(Topics.AGENT_EVENTS, agentId, "not json {");
      kafka.send(Topics.AGENT_EVENTS, agentId, event("agent.status", user, 9L, "{}"));

      assertThat(client.next("agent.status").path("seq").asLong()).isEqualTo(9);
    }
  }
}
