package io.switchboard.auth.keycloak;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.switchboard.testing.FreePorts;
import java.util.Map;

/** Federation on, pointing at a loopback port nothing listens on: the realm is unreachable. */
public class UnreachableKeycloakResource implements QuarkusTestResourceLifecycleManager {

  @Override
  public Map<String, String> start() {
    // Below the ephemeral range, so no port-0 listener or outgoing connection is given it later.
    int closed = FreePorts.freePort();
    return Map.of(
        "switchboard.auth.keycloak.enabled", "true",
        "switchboard.auth.keycloak.server-url", "http://127.0.0.1:" + closed,
        "switchboard.auth.keycloak.admin.client-secret", "unused");
  }

  @Override
  public void stop() {}
}
