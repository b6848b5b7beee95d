package io.switchboard.skill.support;

import io.switchboard.skill.client.ServiceBearer;
import io.switchboard.testing.TestTokens;
import jakarta.enterprise.context.ApplicationScoped;

/** In tests, skill-service's service token is minted by the test harness. */
@ApplicationScoped
public class TestServiceBearer implements ServiceBearer {

  @Override
  public String token() {
    return TestTokens.service("skill-service");
  }
}
