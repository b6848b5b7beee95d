package io.switchboard.gateway.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.switchboard.testing.SwitchboardTestResource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;

/**
 * What the WebSocket tests need: the fake services (JWKS included), {@link AgentStub} as
 * agent-service, and a real Kafka broker from the harness (no database, no second JWKS).
 */
public class WebSocketBackends implements QuarkusTestResourceLifecycleManager {

  private final FakeServices fakes = new FakeServices();
  private final SwitchboardTestResource kafka = new SwitchboardTestResource();
  private AgentStub agent;

  @Override
  public Map<String, String> start() {
    Map<String, String> config = new HashMap<>();
    fakes.init(Map.of("upstreams", "up"));
    config.putAll(fakes.start());
    try {
      agent = AgentStub.start();
    } catch (IOException e) {
      fakes.stop();
      throw new UncheckedIOException(e);
    }
    config.put("switchboard.gateway.services.agent.url", agent.url());
    kafka.init(Map.of("postgres", "false", "testKeys", "false"));
    config.putAll(kafka.start());
    return config;
  }

  @Override
  public void stop() {
    kafka.stop();
    if (agent != null) {
      agent.close();
    }
    fakes.stop();
  }
}
