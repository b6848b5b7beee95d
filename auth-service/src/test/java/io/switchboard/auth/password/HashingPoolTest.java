package io.switchboard.auth.password;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HashingPoolTest {

  private static final long MS = 1_000_000;

  private final CountDownLatch release = new CountDownLatch(1);
  private final List<HashingPool> pools = new ArrayList<>();

  @AfterEach
  void releaseAndShutDown() {
    release.countDown();
    pools.forEach(HashingPool::shutdownNow);
  }

  private HashingPool pool(int workers, int queue, int niceness, Duration maxWait) {
    return pool(workers, queue, niceness, maxWait, 1);
  }

  private HashingPool pool(
      int workers, int queue, int niceness, Duration maxWait, double busyShare) {
    HashingPool pool = new HashingPool(workers, queue, niceness, maxWait, busyShare);
    pools.add(pool);
    return pool;
  }

  @Test
  void shouldRejectATaskThatWouldWaitLongerThanTheMostItMay() throws Exception {
    HashingPool pool = pool(1, 64, 0, Duration.ofMillis(1000));
    pool.took(300 * MS); // a task takes 300 ms on average
    assertThat(pool.expectedWaitNanos()).isZero(); // the worker is free

    Future<?> running = pool.submit(until(release));
    awaitActive(pool);
    assertThat(pool.expectedWaitNanos()).isEqualTo(300 * MS); // the running one
    pool.submit(() -> {});
    pool.submit(() -> {});
    assertThat(pool.expectedWaitNanos()).isEqualTo(900 * MS);
    pool.submit(() -> {}); // 900 ms expected: within 1 s

    // 1,200 ms expected: over it, although the queue has room for 60 more
    assertThatThrownBy(() -> pool.submit(() -> {}))
        .isInstanceOf(RejectedExecutionException.class)
        .hasMessageContaining("expected wait 1200 ms")
        .isInstanceOfSatisfying(
            HashingPool.Refused.class,
            refused -> assertThat(refused.waitNanos()).isEqualTo(1200 * MS));
    assertThat(pool.getQueue()).hasSize(3);

    release.countDown();
    running.get(10, TimeUnit.SECONDS);
  }

  @Test
  void shouldRefuseATaskWhenTheQueueIsFullWithTheWaitItFaced() throws Exception {
    HashingPool pool = pool(1, 1, 0, Duration.ofSeconds(30));
    pool.took(100 * MS);
    pool.submit(until(release));
    awaitActive(pool);
    pool.submit(() -> {}); // the queue's one place

    // within the wait bound, but no room: refused all the same, with the wait a retry faces
    assertThatThrownBy(() -> pool.submit(() -> {}))
        .isInstanceOfSatisfying(
            HashingPool.Refused.class,
            refused -> {
              assertThat(refused).hasMessageContaining("queue full");
              assertThat(refused.waitNanos()).isEqualTo(200 * MS);
            });
  }

  @Test
  void shouldShareTheWaitAmongItsWorkersAndAverageTheRecentTasks() throws Exception {
    HashingPool pool = pool(2, 64, 0, Duration.ofSeconds(30));
    pool.took(100 * MS);
    pool.took(200 * MS); // 100 + 0.2 × (200 - 100)
    pool.submit(until(release));
    assertThat(pool.expectedWaitNanos()).isZero(); // one of two workers still free
    pool.submit(until(release));
    awaitActive(pool);
    pool.submit(() -> {});
    pool.submit(() -> {});

    // two queued and two running, on two workers: three must finish, 120 ms each, 2 at a time
    assertThat(pool.expectedWaitNanos()).isEqualTo(3 * 120 * MS / 2);
  }

  @Test
  void shouldLearnTheDurationOfMeasuredTasksOnly() throws Exception {
    HashingPool pool = pool(1, 4, 0, Duration.ofSeconds(30));
    pool.submit(() -> sleep(300)).get(); // a warm-up: not counted
    Future<?> running = pool.submit(until(release));
    awaitActive(pool);
    assertThat(pool.expectedWaitNanos()).isZero(); // nothing measured yet
    release.countDown();
    running.get(10, TimeUnit.SECONDS);

    pool.submitMeasured(() -> sleep(150)).get();
    CountDownLatch block = new CountDownLatch(1);
    pool.submit(until(block));
    awaitActive(pool);
    assertThat(pool.expectedWaitNanos()).isGreaterThanOrEqualTo(150 * MS);
    block.countDown();
  }

  @Test
  void shouldExpectQueuedTasksToBePacedWhileTheAverageStillKnowsOnlyUnpacedOnes() throws Exception {
    // a storm's start: the rested worker's first hashes ran within its burst, 30 ms each
    HashingPool pool = pool(1, 64, 0, Duration.ofSeconds(2), 0.1);
    pool.took(30 * MS);
    pool.took(30 * MS);

    Future<?> running = pool.submit(until(release));
    awaitActive(pool);
    // what comes next is paced at a tenth of the worker's time: 300 ms each, not the average's 30
    assertThat(pool.expectedWaitNanos()).isEqualTo(300 * MS);
    for (int i = 0; i < 5; i++) {
      pool.submit(() -> {});
    }
    assertThat(pool.expectedWaitNanos()).isEqualTo(1800 * MS);
    pool.submit(() -> {}); // 1,800 ms expected: within 2 s
    assertThatThrownBy(() -> pool.submit(() -> {}))
        .isInstanceOf(RejectedExecutionException.class)
        .hasMessageContaining("expected wait 2100 ms");

    // slower than paced (a busy machine): the average rules
    pool.took(2000 * MS);
    assertThat(pool.expectedWaitNanos()).isEqualTo(7 * (30 + 394) * MS);

    release.countDown();
    running.get(10, TimeUnit.SECONDS);
  }

  private static Callable<Void> until(CountDownLatch latch) {
    return () -> {
      latch.await();
      return null;
    };
  }

  private static Void sleep(long millis) throws InterruptedException {
    Thread.sleep(millis);
    return null;
  }

  @Test
  void shouldRefuseAMaxWaitOfZeroOrLess() {
    for (Duration wait : new Duration[] {Duration.ZERO, Duration.ofSeconds(-1)}) {
      assertThatThrownBy(() -> new HashingPool(1, 1, 0, wait, 1))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("switchboard.auth.argon2.max-wait must be more than zero");
    }
  }

  /**
   * Until every worker runs a task and none is queued: each worker has then also finished with the
   * task before (a worker takes the next only after it counted the last).
   */
  private static void awaitActive(HashingPool pool) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!allBusyNoneQueued(pool) && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    assertThat(allBusyNoneQueued(pool)).isTrue();
  }

  private static boolean allBusyNoneQueued(HashingPool pool) {
    return pool.getActiveCount() == pool.getMaximumPoolSize() && pool.getQueue().isEmpty();
  }
}
