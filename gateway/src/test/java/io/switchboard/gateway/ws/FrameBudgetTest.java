package io.switchboard.gateway.ws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.gateway.ws.FrameBudget.Verdict;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The per-connection token bucket, on a clock the test moves by hand. */
class FrameBudgetTest {

  private static final long SECOND = 1_000_000_000L;
  private final AtomicLong now = new AtomicLong(42);

  private FrameBudget budget(int perSecond, int burst, int maxRefused) {
    return new FrameBudget(perSecond, burst, maxRefused, now::get);
  }

  @Test
  void shouldAdmitTheBurstThenRefuseWithOneWarning() {
    FrameBudget budget = budget(10, 5, 100);
    for (int i = 0; i < 5; i++) {
      assertThat(budget.take()).isEqualTo(Verdict.ADMITTED);
    }
    assertThat(budget.take()).isEqualTo(Verdict.REFUSED_FIRST);
    assertThat(budget.take()).isEqualTo(Verdict.REFUSED);
    assertThat(budget.refused()).isEqualTo(2);
  }

  @Test
  void shouldRefillAtTheRate() {
    FrameBudget budget = budget(10, 5, 100);
    for (int i = 0; i < 5; i++) {
      budget.take();
    }
    assertThat(budget.take()).isEqualTo(Verdict.REFUSED_FIRST);
    now.addAndGet(SECOND / 10); // one token
    assertThat(budget.take()).isEqualTo(Verdict.ADMITTED);
    assertThat(budget.take()).isEqualTo(Verdict.REFUSED);
  }

  @Test
  void shouldCloseASteadyFloodEvenThoughTokensTrickleIn() {
    FrameBudget budget = budget(10, 5, 50);
    int admitted = 0;
    Verdict verdict = Verdict.ADMITTED;
    int frames = 0;
    // 1,000 frames per second: a token every 100 frames, never a full bucket again
    while (verdict != Verdict.CLOSE && frames < 100_000) {
      now.addAndGet(SECOND / 1000);
      verdict = budget.take();
      frames++;
      if (verdict == Verdict.ADMITTED) {
        admitted++;
      }
    }
    assertThat(verdict).isEqualTo(Verdict.CLOSE);
    assertThat(budget.refused()).isEqualTo(50);
    assertThat(admitted).isLessThan(10);
  }

  @Test
  void shouldForgiveRefusalsOnceTheClientPausedLongEnoughToRefillTheBucket() {
    FrameBudget budget = budget(10, 5, 3);
    for (int i = 0; i < 5; i++) {
      budget.take();
    }
    assertThat(budget.take()).isEqualTo(Verdict.REFUSED_FIRST);
    assertThat(budget.take()).isEqualTo(Verdict.REFUSED);
    now.addAndGet(SECOND); // the bucket is full again
    assertThat(budget.take()).isEqualTo(Verdict.ADMITTED);
    assertThat(budget.refused()).isZero();
  }

  @Test
  void shouldNotGainTokensFromAClockGoingBackwards() {
    FrameBudget budget = budget(10, 1, 100);
    assertThat(budget.take()).isEqualTo(Verdict.ADMITTED);
    now.addAndGet(-SECOND);
    assertThat(budget.take()).isEqualTo(Verdict.REFUSED_FIRST);
  }

  @Test
  void shouldRefuseNonPositiveLimits() {
    assertThatThrownBy(() -> budget(0, 1, 1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> budget(1, 0, 1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> budget(1, 1, 0)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void shouldAdmitEverythingWhenUnlimited() {
    FrameBudget budget = FrameBudget.unlimited();
    for (int i = 0; i < 100_000; i++) {
      assertThat(budget.take()).isEqualTo(Verdict.ADMITTED);
    }
  }
}
