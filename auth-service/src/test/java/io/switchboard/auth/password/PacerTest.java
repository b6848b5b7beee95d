package io.switchboard.auth.password;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class PacerTest {

  private static final long MS = 1_000_000;

  @Test
  void shouldNotRestWhileTheBurstLasts() {
    Pacer pacer = new Pacer(0.1, Duration.ofMillis(100), 0);

    // 100 ms in hand, 0.1 ms back per ms: three 30 ms hashes back to back fit, the fourth does not
    assertThat(pacer.owed(30 * MS, 30 * MS)).isZero(); // 100 + 3 - 30 = 73 left
    assertThat(pacer.owed(30 * MS, 60 * MS)).isZero(); // 73 + 3 - 30 = 46
    assertThat(pacer.owed(30 * MS, 90 * MS)).isZero(); // 46 + 3 - 30 = 19
    assertThat(pacer.owed(30 * MS, 120 * MS)).isCloseTo(80 * MS, within(1_000L)); // 19 + 3 - 30
  }

  @Test
  void shouldRestNineTimesEachSegmentOnceTheBurstIsSpentAtATenthShare() {
    Pacer pacer = new Pacer(0.1, Duration.ZERO, 0);
    long now = 0;

    long rest = pacer.owed(4 * MS, now += 4 * MS);
    assertThat(rest).isCloseTo(36 * MS, within(1_000L)); // -4 + 0.4 = -3.6 ms: 36 ms to refill
    for (int segment = 0; segment < 8; segment++) {
      now += rest + 4 * MS;
      rest = pacer.owed(4 * MS, now);
      assertThat(rest).isCloseTo(36 * MS, within(1_000L));
    }
  }

  @Test
  void shouldHaveItsBurstBackAfterAPauseAndNoMore() {
    Pacer pacer = new Pacer(0.5, Duration.ofMillis(50), 0);
    assertThat(pacer.owed(120 * MS, 120 * MS)).isEqualTo(20 * MS); // 50 + 60 - 120 = -10 at 0.5

    // an hour idle refills 50 ms, not 30 minutes
    long later = TimeUnit.HOURS.toNanos(1);
    assertThat(pacer.owed(100 * MS, later)).isZero(); // 50 + 50 - 100 = 0
    assertThat(pacer.owed(20 * MS, later + 20 * MS)).isEqualTo(20 * MS); // 0 + 10 - 20 = -10
  }

  @Test
  void shouldNeverRestAtAShareOfOne() {
    Pacer pacer = new Pacer(1, Duration.ZERO, 0);

    assertThat(pacer.owed(TimeUnit.SECONDS.toNanos(5), 1)).isZero();
    assertThat(pacer.owed(TimeUnit.SECONDS.toNanos(5), 2)).isZero();
    assertThat(Pacer.NONE.owed(TimeUnit.SECONDS.toNanos(5), 0)).isZero();
  }

  @Test
  void shouldRefuseABusyShareThatIsNotAShareOfTimeAndANegativeBurst() {
    for (double share : new double[] {0, -0.5, 1.01, Double.NaN}) {
      assertThatThrownBy(() -> new Pacer(share, Duration.ZERO))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("busy-share must be above 0 and at most 1");
    }
    assertThatThrownBy(() -> new Pacer(0.5, Duration.ofMillis(-1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("switchboard.auth.argon2.burst must be zero or more");
  }

  @Test
  void shouldRestForWhatItOwesAndStopWhenInterrupted() throws Exception {
    long[] took = new long[2];
    Thread worker =
        new Thread(
            () -> {
              Pacer pacer = new Pacer(0.5, Duration.ZERO);
              long start = System.nanoTime();
              pacer.worked(150 * MS); // owes >= 150 ms at 0.5
              took[0] = System.nanoTime() - start;
              Pacer slow = new Pacer(0.001, Duration.ZERO);
              start = System.nanoTime();
              slow.worked(50 * MS); // owes ~50 s, cut short by the interrupt
              took[1] = System.nanoTime() - start;
            });
    worker.start();
    Thread.sleep(1_000);
    worker.interrupt();
    worker.join(TimeUnit.SECONDS.toMillis(10));

    assertThat(worker.isAlive()).isFalse();
    assertThat(took[0]).isGreaterThanOrEqualTo(140 * MS);
    assertThat(took[1]).isLessThan(TimeUnit.SECONDS.toNanos(10));
  }
}
