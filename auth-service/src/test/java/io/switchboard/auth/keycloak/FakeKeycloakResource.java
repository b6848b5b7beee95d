package io.switchboard.auth.keycloak;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/** Points auth-service's federation at a {@link FakeKeycloak} on a loopback port. */
public class FakeKeycloakResource implements QuarkusTestResourceLifecycleManager {

  private FakeKeycloak fake;

  @Override
  public Map<String, String> start() {
    fake = new FakeKeycloak();
    return Map.of(
        "switchboard.auth.keycloak.enabled", "true",
        "switchboard.auth.keycloak.server-url", fake.url(),
        "switchboard.auth.keycloak.realm", FakeKeycloak.REALM,
        "switchboard.auth.keycloak.admin.client-secret", FakeKeycloak.ADMIN_SECRET,
        "switchboard.auth.keycloak.mapping.groups.ops", "admin",
        "switchboard.auth.keycloak.mapping.client-roles.switchboard/boss", "admin",
        "switchboard.auth.keycloak.login.redirect-uri",
            "http://localhost:3005/api/auth/oidc/callback");
  }

  @Override
  public void stop() {
    if (fake != null) {
      fake.close();
    }
  }
}
