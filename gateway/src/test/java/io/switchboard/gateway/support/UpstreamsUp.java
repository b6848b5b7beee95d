package io.switchboard.gateway.support;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.List;
import java.util.Map;

/** All six fake services running; a short request timeout so the 504 test is quick. */
public class UpstreamsUp implements QuarkusTestProfile {

  @Override
  public Map<String, String> getConfigOverrides() {
    return Map.of(
        "switchboard.gateway.timeouts.request",
        "2s",
        "switchboard.gateway.keycloak.issuer",
        FakeService.REALM_ISSUER);
  }

  @Override
  public List<TestResourceEntry> testResources() {
    return List.of(new TestResourceEntry(FakeServices.class, Map.of("upstreams", "up")));
  }
}
