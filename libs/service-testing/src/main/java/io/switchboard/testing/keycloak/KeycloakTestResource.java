package io.switchboard.testing.keycloak;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.nio.file.Path;
import java.util.Map;

/**
 * Starts a real {@link KeycloakServer} for a {@code @QuarkusTest} and points the federation
 * configuration of auth-service at its {@code switchboard} realm (admin API through the realm's
 * {@code switchboard-admin} client). Slow (tens of seconds): only for tests run with {@code
 * -Dswitchboard.keycloak=true}.
 */
public class KeycloakTestResource implements QuarkusTestResourceLifecycleManager {

  /** The server of the running test, for tests that talk to it directly. */
  private static volatile KeycloakServer current;

  private KeycloakServer server;

  public static KeycloakServer server() {
    return current;
  }

  @Override
  public Map<String, String> start() {
    server = KeycloakServer.start(Path.of("target"));
    current = server;
    System.out.printf("Keycloak ready at %s in %s%n", server.url(), server.startup());
    return Map.of(
        "switchboard.auth.keycloak.enabled", "true",
        "switchboard.auth.keycloak.server-url", server.url(),
        "switchboard.auth.keycloak.realm", "switchboard",
        "switchboard.auth.keycloak.admin.client-id", "switchboard-admin",
        "switchboard.auth.keycloak.admin.client-secret", "switchboard-admin-secret",
        "switchboard.auth.keycloak.mapping.groups.ops", "admin");
  }

  @Override
  public void stop() {
    if (server != null) {
      server.close();
      current = null;
    }
  }
}
