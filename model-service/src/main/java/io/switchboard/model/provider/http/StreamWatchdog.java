package io.switchboard.model.provider.http;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/** Closes a streamed body when no data arrived for the idle timeout (a stalled provider). */
final class StreamWatchdog implements AutoCloseable {

  private static final ScheduledExecutorService TIMER =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "provider-stream-watchdog");
            t.setDaemon(true);
            return t;
          });

  private final InputStream body;
  private final long idleMillis;
  private final AtomicBoolean fired = new AtomicBoolean();
  private ScheduledFuture<?> pending;

  StreamWatchdog(InputStream body, Duration idle) {
    this.body = body;
    this.idleMillis = idle.toMillis();
    alive();
  }

  /** Data arrived: the idle clock starts again. */
  synchronized void alive() {
    if (pending != null) {
      pending.cancel(false);
    }
    pending = TIMER.schedule(this::fire, idleMillis, TimeUnit.MILLISECONDS);
  }

  boolean fired() {
    return fired.get();
  }

  private void fire() {
    fired.set(true);
    try {
      body.close();
    } catch (IOException e) {
      // closing is all we can do
    }
  }

  @Override
  public synchronized void close() {
    if (pending != null) {
      pending.cancel(false);
    }
  }
}
