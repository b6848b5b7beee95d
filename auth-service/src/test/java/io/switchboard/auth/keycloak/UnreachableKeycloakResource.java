package io.switchboard.auth.keycloak;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Map;

/** Federation on, pointing at a loopback port nothing listens on: the realm is unreachable. */
public class UnreachableKeycloakResource implements QuarkusTestResourceLifecycleManager {

  @Override
  public Map<String, String> start() {
    int closed;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closed = socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return Map.of(
        "switchboard.auth.keycloak.enabled", "true",
        "switchboard.auth.keycloak.server-url", "http://127.0.0.1:" + closed,
        "switchboard.auth.keycloak.admin.client-secret", "unused");
  }

  @Override
  public void stop() {}
}
