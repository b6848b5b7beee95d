package io.switchboard.agent.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.switchboard.testing.FreePorts;
import java.util.Map;

/**
 * Picks a free loopback port ({@link FreePorts}) for the model-service and skill-service stand-ins
 * ({@link Stubs}) and points both REST clients at it. The stub itself starts in the tests' class
 * loader, so tests can script it.
 */
public class StubsResource implements QuarkusTestResourceLifecycleManager {

  @Override
  public Map<String, String> start() {
    // Not a released port-0 port: the Kafka broker and PostgreSQL started next could be given it.
    String url = "http://127.0.0.1:" + FreePorts.freePort();
    return Map.of(
        "quarkus.rest-client.model-service.url", url,
        "quarkus.rest-client.skill-service.url", url,
        "quarkus.rest-client.pipeline-service.url", url);
  }

  @Override
  public void stop() {}
}
