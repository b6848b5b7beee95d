package io.switchboard.gateway.support;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.List;
import java.util.Map;

/**
 * The WebSocket with everything behind it ({@link WebSocketBackends}): revocations and the event
 * topics followed from the real broker, and a small per-user connection limit.
 */
public class WebSocketUp implements QuarkusTestProfile {

  public static final int MAX_CONNECTIONS_PER_USER = 3;
  public static final int SEND_QUEUE = 16;

  @Override
  public Map<String, String> getConfigOverrides() {
    return Map.of(
        "switchboard.revocation.enabled", "true",
        "switchboard.gateway.ws.events-enabled", "true",
        "switchboard.gateway.ws.max-connections-per-user",
            Integer.toString(MAX_CONNECTIONS_PER_USER),
        "switchboard.gateway.ws.send-queue", Integer.toString(SEND_QUEUE),
        "switchboard.gateway.timeouts.request", "2s");
  }

  @Override
  public List<TestResourceEntry> testResources() {
    return List.of(new TestResourceEntry(WebSocketBackends.class));
  }
}
