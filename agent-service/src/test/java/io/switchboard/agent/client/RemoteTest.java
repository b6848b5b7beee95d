package io.switchboard.agent.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.defaults.problem.Problem;
import org.eclipse.microprofile.faulttolerance.exceptions.BulkheadException;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.junit.jupiter.api.Test;

/** What a call ended by fault tolerance tells the user (AgentLoopTest trips the real breakers). */
class RemoteTest {

  @Test
  void shouldSayAnOpenCircuitPausesTheCalls() {
    Problem p = Remote.unavailable("model_unavailable", "model-service", open()).problem();
    assertThat(p.status()).isEqualTo(503);
    assertThat(p.code()).isEqualTo("model_unavailable");
    assertThat(p.title()).isEqualTo("Service unavailable");
    assertThat(p.detail())
        .isEqualTo("model-service failed repeatedly; calls to it are paused for a few seconds");
  }

  @Test
  void shouldSayATimedOutServiceDidNotAnswerInTime() {
    Problem p =
        Remote.unavailable("skill_service_unavailable", "skill-service", new TimeoutException())
            .problem();
    assertThat(p.status()).isEqualTo(503);
    assertThat(p.code()).isEqualTo("skill_service_unavailable");
    assertThat(p.detail()).isEqualTo("skill-service did not answer in time");
  }

  @Test
  void shouldCallAnyOtherRefusalUnavailable() {
    Problem p =
        Remote.unavailable("model_unavailable", "model-service", new BulkheadException()).problem();
    assertThat(p.status()).isEqualTo(503);
    assertThat(p.detail()).isEqualTo("model-service is unavailable");
  }

  private static CircuitBreakerOpenException open() {
    return new CircuitBreakerOpenException("Models#complete circuit breaker is open");
  }
}
