package io.switchboard.agent.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.Map;

/**
 * Reserves a loopback port for the model-service and skill-service stand-ins ({@link Stubs}) and
 * points both REST clients at it. The stub itself starts in the tests' class loader, so tests can
 * script it.
 */
public class StubsResource implements QuarkusTestResourceLifecycleManager {

  @Override
  public Map<String, String> start() {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String url = "http://127.0.0.1:" + port;
    return Map.of(
        "quarkus.rest-client.model-service.url", url,
        "quarkus.rest-client.skill-service.url", url,
        "quarkus.rest-client.pipeline-service.url", url);
  }

  @Override
  public void stop() {}
}
