package io.switchboard.defaults.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ExemplarsTest {

  @Test
  void shouldSampleExemplarsOnlyWhileTracesAreRecorded() {
    assertThat(Exemplars.sampler(true)).isPresent();
    assertThat(Exemplars.sampler(false)).isEmpty();
  }
}
