package io.switchboard.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Starts what a service under test talks to: a real PostgreSQL with a fresh database, a real Kafka
 * broker, and a stand-in auth-service serving the JWKS of {@link TestTokens} and service tokens.
 * Use on every {@code @QuarkusTest} of a module with
 * {@code @WithTestResource(SwitchboardTestResource.class)} (same arguments everywhere, so Quarkus
 * starts the app once). Arguments: {@code postgres=false} for a service without a database; {@code
 * testKeys=false} for auth-service, which verifies the tokens it signs itself.
 */
public class SwitchboardTestResource implements QuarkusTestResourceLifecycleManager {

  private final List<AutoCloseable> started = new ArrayList<>();
  private boolean postgres = true;
  private boolean testKeys = true;

  @Override
  public void init(Map<String, String> initArgs) {
    postgres = !"false".equals(initArgs.get("postgres"));
    testKeys = !"false".equals(initArgs.get("testKeys"));
  }

  @Override
  public Map<String, String> start() {
    Map<String, String> config = new HashMap<>();
    if (testKeys) {
      JwksServer jwks = JwksServer.start();
      started.add(jwks);
      config.put("mp.jwt.verify.publickey.location", jwks.url());
      config.put("mp.jwt.verify.issuer", TestTokens.ISSUER);
      config.put("mp.jwt.verify.audiences", TestTokens.AUDIENCE);
      config.put("switchboard.auth.url", jwks.baseUrl());
      config.put("switchboard.service.secret", TestTokens.SERVICE_SECRET);
    }
    TestKafka kafka = TestKafka.start();
    started.add(kafka);
    config.put("kafka.bootstrap.servers", kafka.bootstrapServers());
    if (postgres) {
      TestPostgres database = TestPostgres.start();
      started.add(database);
      config.putAll(database.config());
    }
    return config;
  }

  @Override
  public void stop() {
    RuntimeException failure = null;
    for (int i = started.size() - 1; i >= 0; i--) {
      try {
        started.get(i).close();
      } catch (Exception e) {
        failure =
            failure == null ? new IllegalStateException("Stopping test backends failed") : failure;
        failure.addSuppressed(e);
      }
    }
    started.clear();
    if (failure != null) {
      throw failure;
    }
  }
}
