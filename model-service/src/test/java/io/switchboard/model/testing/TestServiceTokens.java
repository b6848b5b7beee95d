package io.switchboard.model.testing;

import io.quarkus.test.Mock;
import io.switchboard.model.client.ServiceTokenSource;
import io.switchboard.testing.TestTokens;

/** Until libs/service-defaults' ServiceTokens is merged: a test service token. */
@Mock
public class TestServiceTokens extends ServiceTokenSource {

  @Override
  public String bearer() {
    return TestTokens.service("model-service");
  }
}
