package io.switchboard.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.util.concurrent.EventExecutor;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.switchboard.gateway.support.UpstreamsUp;
import io.vertx.core.Vertx;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/** The running gateway's Vert.x, not just its configuration. */
@QuarkusTest
@TestProfile(UpstreamsUp.class)
class GatewayEventLoopsTest {

  @Inject Vertx vertx;

  @Test
  void shouldRunTwoEventLoopsPerCore() {
    int loops = 0;
    for (EventExecutor ignored : vertx.nettyEventLoopGroup()) {
      loops++;
    }

    assertThat(loops).isEqualTo(2 * Runtime.getRuntime().availableProcessors());
  }
}
