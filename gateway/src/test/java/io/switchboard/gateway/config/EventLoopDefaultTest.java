package io.switchboard.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EventLoopDefaultTest {

  @Test
  void shouldDefaultToTwoEventLoopsPerCore() {
    SmallRyeConfig config =
        new SmallRyeConfigBuilder().withSources(new EventLoopDefault(() -> 3)).build();

    assertThat(config.getValue(EventLoopDefault.KEY, Integer.class)).isEqualTo(6);
    assertThat(new EventLoopDefault(() -> 0).getValue(EventLoopDefault.KEY)).isEqualTo("2");
    assertThat(new EventLoopDefault(() -> 3).getValue("quarkus.http.io-threads")).isNull();
  }

  @Test
  void shouldGiveWayToApplicationPropertiesTheEnvironmentAndSystemProperties() {
    for (int ordinal : new int[] {250, 300, 400}) {
      SmallRyeConfig config =
          new SmallRyeConfigBuilder()
              .withSources(
                  new EventLoopDefault(() -> 3),
                  new PropertiesConfigSource(
                      Map.of(EventLoopDefault.KEY, "5"), "operator's setting", ordinal))
              .build();

      assertThat(config.getValue(EventLoopDefault.KEY, Integer.class))
          .as("a setting at ordinal %d", ordinal)
          .isEqualTo(5);
    }
  }
}
