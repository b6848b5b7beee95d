package io.switchboard.gateway.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netty.channel.ConnectTimeoutException;
import io.switchboard.defaults.problem.Problem;
import io.switchboard.gateway.config.UpstreamService;
import io.vertx.core.VertxException;
import io.vertx.core.impl.NoStackTraceTimeoutException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import org.junit.jupiter.api.Test;

class UpstreamFailureTest {

  @Test
  void shouldTreatRefusedOrUnreachableAsUnavailable() {
    assertEquals(
        UpstreamFailure.UNAVAILABLE, UpstreamFailure.classify(new ConnectException("refused")));
    assertEquals(
        UpstreamFailure.UNAVAILABLE,
        UpstreamFailure.classify(new ConnectTimeoutException("connect timed out")));
    assertEquals(
        UpstreamFailure.UNAVAILABLE,
        UpstreamFailure.classify(new UnknownHostException("agent-service")));
    assertEquals(
        UpstreamFailure.UNAVAILABLE,
        UpstreamFailure.classify(new VertxException(new ConnectException("wrapped"))));
  }

  @Test
  void shouldTreatSilenceAsTimeout() {
    assertEquals(
        UpstreamFailure.TIMEOUT,
        UpstreamFailure.classify(new NoStackTraceTimeoutException("idle")));
  }

  @Test
  void shouldTreatOtherBreakageAsBadGateway() {
    assertEquals(
        UpstreamFailure.BROKEN, UpstreamFailure.classify(new IOException("connection reset")));
    assertEquals(UpstreamFailure.BROKEN, UpstreamFailure.classify(new VertxException("closed")));
  }

  @Test
  void shouldNameTheServiceInTheProblem() {
    Problem unavailable = UpstreamFailure.UNAVAILABLE.problem(UpstreamService.AGENT);
    assertEquals(503, unavailable.status());
    assertEquals("service_unavailable", unavailable.code());
    assertEquals("agent-service is unavailable", unavailable.detail());
    Problem timeout = UpstreamFailure.TIMEOUT.problem(UpstreamService.MODEL);
    assertEquals(504, timeout.status());
    assertEquals("gateway_timeout", timeout.code());
    Problem broken = UpstreamFailure.BROKEN.problem(UpstreamService.VAULT);
    assertEquals(502, broken.status());
    assertEquals("bad_gateway", broken.code());
  }

  @Test
  void shouldMapStatusesToOutcomes() {
    assertEquals(Outcome.OK, Outcome.of(204));
    assertEquals(Outcome.OK, Outcome.of(302));
    assertEquals(Outcome.CLIENT_ERROR, Outcome.of(404));
    assertEquals(Outcome.SERVER_ERROR, Outcome.of(500));
    assertEquals("client_error", Outcome.CLIENT_ERROR.tag());
    assertEquals(Outcome.UNAVAILABLE, UpstreamFailure.UNAVAILABLE.outcome());
    assertEquals(Outcome.TIMEOUT, UpstreamFailure.TIMEOUT.outcome());
  }
}
