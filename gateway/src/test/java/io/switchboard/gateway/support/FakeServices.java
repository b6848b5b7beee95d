package io.switchboard.gateway.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.switchboard.testing.FreePorts;
import io.switchboard.testing.TestKeys;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Starts the fake services the gateway routes to, the fake auth-service serving the JWKS of the
 * harness's test key ({@link TestKeys}: made for this run, no key file anywhere), so {@code
 * TestTokens} verify. With {@code upstreams=up} all six services answer; with {@code
 * upstreams=down} every service address is a closed port and only the JWKS is served.
 */
public class FakeServices implements QuarkusTestResourceLifecycleManager {

  /** Service key → a public path its OpenAPI document lists. */
  static final Map<String, String> SERVICES = new LinkedHashMap<>();

  static {
    SERVICES.put("auth", "/api/auth/login");
    SERVICES.put("agent", "/api/agents");
    SERVICES.put("model", "/api/models");
    SERVICES.put("skill", "/api/skills");
    SERVICES.put("vault", "/api/vault");
    SERVICES.put("pipeline", "/api/pipelines");
  }

  private final List<FakeService> running = new ArrayList<>();
  private boolean up = true;

  @Override
  public void init(Map<String, String> initArgs) {
    up = !"down".equals(initArgs.getOrDefault("upstreams", "up"));
  }

  @Override
  public Map<String, String> start() {
    String jwks = TestKeys.jwks();
    Map<String, String> config = new HashMap<>();
    try {
      String jwksUrl;
      if (up) {
        for (Map.Entry<String, String> service : SERVICES.entrySet()) {
          String key = service.getKey();
          FakeService fake =
              FakeService.start(
                  key + "-service", service.getValue(), key.equals("auth") ? jwks : null);
          running.add(fake);
          config.put("switchboard.gateway.services." + key + ".url", fake.url());
        }
        jwksUrl = config.get("switchboard.gateway.services.auth.url");
      } else {
        FakeService keysOnly = FakeService.start("jwks", "/keys", jwks);
        running.add(keysOnly);
        jwksUrl = keysOnly.url();
        // Below the ephemeral range: a released port-0 port could go to the next port-0 listener
        // (this run's Kafka took one in CI: the "down" service answered 504 instead of 503).
        String closed = "http://127.0.0.1:" + FreePorts.freePort();
        SERVICES
            .keySet()
            .forEach(key -> config.put("switchboard.gateway.services." + key + ".url", closed));
      }
      config.put("mp.jwt.verify.publickey.location", jwksUrl + "/.well-known/jwks.json");
    } catch (IOException e) {
      stop();
      throw new UncheckedIOException(e);
    }
    return config;
  }

  @Override
  public void stop() {
    running.forEach(FakeService::close);
    running.clear();
  }
}
