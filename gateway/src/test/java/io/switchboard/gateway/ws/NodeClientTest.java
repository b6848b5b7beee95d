package io.switchboard.gateway.ws;

import static io.switchboard.gateway.ws.SocketTestSupport.event;
import static io.switchboard.gateway.ws.SocketTestSupport.withToken;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.switchboard.defaults.event.Topics;
import io.switchboard.gateway.support.WebSocketUp;
import io.switchboard.gateway.ws.messaging.EventFeed;
import io.switchboard.testing.KafkaProbe;
import io.switchboard.testing.TestTokens;
import jakarta.inject.Inject;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * The same conversation from a client nobody here wrote: Node 20's WebSocket (undici, as in
 * browsers). Skipped when {@code node} is not installed.
 */
@QuarkusTest
@TestProfile(WebSocketUp.class)
class NodeClientTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TestHTTPResource("/ws")
  URI http;

  @ConfigProperty(name = "kafka.bootstrap.servers")
  String bootstrapServers;

  @Inject EventFeed feed;

  @Test
  void shouldTalkToABrowserStyleClient() throws Exception {
    assumeTrue(nodeInstalled(), "node is not installed");
    long deadline = System.nanoTime() + 30_000_000_000L;
    while (!feed.live() && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    UUID user = UUID.randomUUID();
    Path script = Files.createTempFile("ws-node-client", ".mjs");
    try (InputStream in = getClass().getResourceAsStream("/ws-node-client.mjs")) {
      Files.copy(in, script, StandardCopyOption.REPLACE_EXISTING);
    }
    Process node =
        new ProcessBuilder(
                "node",
                "--experimental-websocket",
                "--no-warnings",
                script.toString(),
                withToken(http, TestTokens.user(user)).toString(),
                withToken(http, TestTokens.expired(user)).toString())
            .redirectErrorStream(true)
            .start();
    Map<String, JsonNode> steps = new HashMap<>();
    try (BufferedReader lines =
        new BufferedReader(new InputStreamReader(node.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        JsonNode step = JSON.readTree(line);
        steps.put(step.path("step").asText(), step);
        if (step.path("step").asText().equals("subscribed")) {
          String agentId = UUID.randomUUID().toString();
          new KafkaProbe(bootstrapServers)
              .send(Topics.AGENT_EVENTS, agentId, event("agent.status", user, 1L, "{}"));
        }
      }
    } finally {
      node.waitFor(30, TimeUnit.SECONDS);
      node.destroyForcibly();
      Files.deleteIfExists(script);
    }

    assertThat(node.exitValue()).as("node's steps: %s", steps).isZero();
    assertThat(steps.get("connected").path("frame").path("userId").asText())
        .isEqualTo(user.toString());
    assertThat(steps.get("pong").path("frame").path("type").asText()).isEqualTo("pong");
    assertThat(steps.get("error").path("frame").path("code").asText()).isEqualTo("invalid_json");
    assertThat(steps.get("event").path("frame").path("type").asText()).isEqualTo("agent.status");
    assertThat(steps.get("bad").path("code").asInt()).isEqualTo(4001);
  }

  private boolean nodeInstalled() {
    try {
      Process probe = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
      return probe.waitFor(10, TimeUnit.SECONDS) && probe.exitValue() == 0;
    } catch (Exception e) {
      return false;
    }
  }
}
