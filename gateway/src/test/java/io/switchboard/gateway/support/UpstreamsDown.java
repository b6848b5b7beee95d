package io.switchboard.gateway.support;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.List;
import java.util.Map;

/** No service listening (closed ports); only the JWKS is served, so tokens still verify. */
public class UpstreamsDown implements QuarkusTestProfile {

  @Override
  public List<TestResourceEntry> testResources() {
    return List.of(new TestResourceEntry(FakeServices.class, Map.of("upstreams", "down")));
  }
}
