package io.switchboard.auth.password;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class HashingPoolTest {

  @Test
  void shouldRestInProportionToTheBusyShare() {
    assertThat(new HashingPool(1, 1, 0, 1).restNanos(40_000_000)).isZero();
    assertThat(new HashingPool(1, 1, 0, 0.5).restNanos(40_000_000)).isEqualTo(40_000_000);
    assertThat(new HashingPool(1, 1, 0, 0.25).restNanos(40_000_000)).isEqualTo(120_000_000);
  }

  @Test
  void shouldRefuseABusyShareThatIsNotAShareOfTime() {
    for (double share : new double[] {0, -0.5, 1.01, Double.NaN}) {
      assertThatThrownBy(() -> new HashingPool(1, 1, 0, share))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("busy-share must be above 0 and at most 1");
    }
  }

  @Test
  void shouldHandOverAResultAtOnceAndRestBeforeTheNextTask() throws Exception {
    HashingPool pool = new HashingPool(1, 4, 0, 0.5);
    try {
      Future<Long> first = pool.submit(() -> work(150));
      Future<Long> second = pool.submit(System::nanoTime);

      first.get();
      long firstHandedOver = System.nanoTime();
      long secondStarted = second.get();

      // the first task took >= 150 ms, so at a busy share of 0.5 the worker rests >= 150 ms after
      // it; the caller had its result before that rest
      assertThat(TimeUnit.NANOSECONDS.toMillis(secondStarted - firstHandedOver))
          .isGreaterThanOrEqualTo(120);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void shouldStopRestingWhenShutDown() throws Exception {
    HashingPool pool = new HashingPool(1, 1, 0, 0.001);
    pool.submit(() -> work(50)).get(); // then a rest of ~50 s

    pool.shutdownNow();

    assertThat(pool.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
  }

  private static long work(long millis) throws InterruptedException {
    Thread.sleep(millis);
    return System.nanoTime();
  }
}
