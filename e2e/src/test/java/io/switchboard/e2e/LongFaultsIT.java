package io.switchboard.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.launcher.Stack;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Issue 11, the long fault run (only with {@code -Dswitchboard.e2e.long=true}): over 10,000 agent
 * events flow to WebSocket clients while the Kafka broker, then agent-service, then the gateway are
 * killed with SIGKILL and started again. A client deduplicates by event identity ({@code
 * agentId:seq}, the same event's envelope id over the socket) and, like the gateway README tells
 * clients, catches up with {@code GET /api/agents/{id}/events?after=} only when it had to
 * reconnect. At the end no client misses an event.
 */
@EnabledIfSystemProperty(named = "switchboard.e2e.long", matches = "true")
class LongFaultsIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int AGENTS = 100;
  private static final int MESSAGES_PER_AGENT = 25; // ~4 events each: ~100 per agent, < the ring
  private static final int CLIENTS = 3;
  private static final int MESSAGES_PER_SECOND = 25;

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @Test
  void shouldLoseNoEventWhileKafkaAgentServiceAndTheGatewayAreKilled() throws Exception {
    Stack stack = SharedStack.get();
    String user = SharedStack.register("long");
    List<String> agents = new ArrayList<>();
    List<Client> clients = new ArrayList<>();
    for (int c = 0; c < CLIENTS; c++) {
      clients.add(new Client(stack, user, agents));
    }
    for (int a = 0; a < AGENTS; a++) {
      agents.add(FaultsIT.spawn(user, "long run agent " + a));
    }
    clients.forEach(Client::start);

    int total = AGENTS * MESSAGES_PER_AGENT;
    AtomicInteger sent = new AtomicInteger();
    AtomicInteger retries = new AtomicInteger();
    Thread sender =
        new Thread(
            () -> {
              for (int i = 0; i < total; i++) {
                String agent = agents.get(i % AGENTS);
                String tag = "long-" + i;
                while (!send(stack, user, agent, "message " + tag)) {
                  retries.incrementAndGet();
                  sleep(500);
                }
                sent.incrementAndGet();
                sleep(1000 / MESSAGES_PER_SECOND);
              }
            },
            "long-sender");
    sender.start();

    List<String> faults = new ArrayList<>();
    awaitSent(sent, total / 5);
    long t = System.nanoTime();
    stack.killKafka();
    Thread.sleep(10_000);
    stack.startKafka();
    faults.add(String.format("Kafka killed at %d messages sent, down %.0f s", total / 5, secs(t)));
    awaitSent(sent, total * 2 / 5);
    t = System.nanoTime();
    stack.killService("agent-service");
    stack.startService("agent-service");
    faults.add(String.format("agent-service killed, ready again after %.0f s", secs(t)));
    awaitSent(sent, total * 3 / 5);
    t = System.nanoTime();
    stack.killService("gateway");
    stack.startService("gateway");
    faults.add(String.format("gateway killed, ready again after %.0f s", secs(t)));
    sender.join();

    // Everything processed: every agent idle, its last seq known.
    Map<String, Integer> lastSeq = new ConcurrentHashMap<>();
    FaultsIT.await(
        "every agent idle",
        () -> {
          for (String agent : agents) {
            JsonNode view = get(stack, user, "/api/agents/" + agent);
            if (!view.path("status").asText().equals("idle")) {
              return false;
            }
          }
          return true;
        });
    long expected = 0;
    for (String agent : agents) {
      JsonNode events = get(stack, user, "/api/agents/" + agent + "/events?limit=200");
      assertThat(events.path("oldestSeq").asInt()).as("nothing fell out of the ring").isEqualTo(1);
      int last = events.path("events").get(events.path("events").size() - 1).path("seq").asInt();
      lastSeq.put(agent, last);
      expected += last;
    }
    // Live frames may still be on their way.
    long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
    while (System.nanoTime() < deadline && clients.stream().anyMatch(c -> c.missing(lastSeq) > 0)) {
      Thread.sleep(1000);
    }
    clients.forEach(Client::stop);

    System.out.println("[long] faults: " + String.join("; ", faults));
    System.out.printf(
        "[long] %d agents, %d messages (%d send retries), %d events%n",
        AGENTS, total, retries.get(), expected);
    for (int c = 0; c < CLIENTS; c++) {
      Client client = clients.get(c);
      System.out.printf(
          "[long] client %d: %d live frames (%d duplicates dropped), %d recovered by catch-up after"
              + " %d reconnects, %d missing%n",
          c,
          client.live.get(),
          client.duplicates.get(),
          client.caughtUp.get(),
          client.reconnects.get(),
          client.missing(lastSeq));
    }
    assertThat(expected).isGreaterThanOrEqualTo(10_000);
    for (Client client : clients) {
      assertThat(client.missing(lastSeq)).isZero();
    }
  }

  private boolean send(Stack stack, String user, String agent, String text) {
    try {
      HttpResponse<String> response =
          http.send(
              HttpRequest.newBuilder(
                      URI.create(stack.gatewayUrl() + "/api/agents/" + agent + "/message"))
                  .timeout(Duration.ofSeconds(15))
                  .header("Authorization", "Bearer " + user)
                  .header("Content-Type", "application/json")
                  .POST(
                      HttpRequest.BodyPublishers.ofString(
                          JSON.writeValueAsString(Map.of("message", text))))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      return response.statusCode() == 202;
    } catch (Exception e) {
      return false;
    }
  }

  private JsonNode get(Stack stack, String user, String path) {
    try {
      HttpResponse<String> response =
          http.send(
              HttpRequest.newBuilder(URI.create(stack.gatewayUrl() + path))
                  .timeout(Duration.ofSeconds(15))
                  .header("Authorization", "Bearer " + user)
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new IllegalStateException(path + " → " + response.statusCode());
      }
      return JSON.readTree(response.body());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static void awaitSent(AtomicInteger sent, int count) throws InterruptedException {
    while (sent.get() < count) {
      Thread.sleep(100);
    }
  }

  private static double secs(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * A WebSocket client that reconnects when its connection drops and then catches up over REST; it
   * keeps each event (agentId:seq) once.
   */
  private final class Client {
    final Set<String> seen = ConcurrentHashMap.newKeySet();
    final Set<String> ids = ConcurrentHashMap.newKeySet();
    final AtomicInteger live = new AtomicInteger();
    final AtomicInteger duplicates = new AtomicInteger();
    final AtomicInteger caughtUp = new AtomicInteger();
    final AtomicInteger reconnects = new AtomicInteger();
    private final Stack stack;
    private final String user;
    private final List<String> agents;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Thread thread;
    private EventSocket socket;

    Client(Stack stack, String user, List<String> agents) throws Exception {
      this.stack = stack;
      this.user = user;
      this.agents = agents;
      this.socket = EventSocket.open(stack.gatewayUrl(), user, FaultsIT.AGENT_CHANNELS);
      this.thread = new Thread(this::loop, "long-client");
    }

    void start() {
      thread.start();
    }

    void stop() {
      running.set(false);
      try {
        thread.join(10_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      socket.close();
    }

    long missing(Map<String, Integer> lastSeq) {
      long missing = 0;
      for (Map.Entry<String, Integer> agent : lastSeq.entrySet()) {
        for (int seq = 1; seq <= agent.getValue(); seq++) {
          if (!seen.contains(agent.getKey() + ":" + seq)) {
            missing++;
          }
        }
      }
      return missing;
    }

    private void loop() {
      int read = 0;
      while (running.get()) {
        List<JsonNode> frames = socket.frames();
        for (; read < frames.size(); read++) {
          JsonNode frame = frames.get(read);
          if (frame.has("seq") && frame.has("agentId")) {
            String id = frame.path("id").asText();
            if (!ids.add(id)
                | !seen.add(frame.path("agentId").asText() + ":" + frame.path("seq").asInt())) {
              duplicates.incrementAndGet();
            } else {
              live.incrementAndGet();
            }
          }
        }
        if (socket.isClosed()) {
          reconnect();
          read = 0;
        }
        sleep(50);
      }
    }

    private void reconnect() {
      while (running.get()) {
        try {
          socket = EventSocket.open(stack.gatewayUrl(), user, FaultsIT.AGENT_CHANNELS);
          reconnects.incrementAndGet();
          break;
        } catch (Exception | AssertionError e) {
          sleep(500);
        }
      }
      // Catch up what was published while disconnected.
      for (String agent : List.copyOf(agents)) {
        int after = 0;
        while (seen.contains(agent + ":" + (after + 1))) {
          after++;
        }
        try {
          for (JsonNode event :
              get(stack, user, "/api/agents/" + agent + "/events?limit=200&after=" + after)
                  .path("events")) {
            if (seen.add(agent + ":" + event.path("seq").asInt())) {
              caughtUp.incrementAndGet();
            }
          }
        } catch (Exception e) {
          // agent-service not back yet: the next reconnect or the live feed fills it
        }
      }
    }
  }
}
