package io.switchboard.launcher;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * What a {@link Stack} has started so far. Thread-safe: the thread starting the stack adds parts
 * while a shutdown hook may stop them; a part added after {@link #stopAll} is stopped at once.
 */
final class Parts {
  private static final Duration STARTUP_GRACE = Duration.ofSeconds(60);

  private final Consumer<String> progress;
  private final Map<Service, ServiceProcess> services = new EnumMap<>(Service.class);
  private StackLock lock;
  private Postgres postgres;
  private KafkaBroker kafka;
  private volatile boolean stopped;
  private boolean starting = true;

  Parts(Consumer<String> progress) {
    this.progress = progress;
  }

  /** Whether {@link #stopAll} has run (or runs): startup should give up. */
  boolean stopped() {
    return stopped;
  }

  synchronized void add(StackLock part) {
    lock = adopt(part);
  }

  synchronized void add(Postgres part) {
    postgres = adopt(part);
  }

  synchronized void add(KafkaBroker part) {
    kafka = adopt(part);
  }

  /** Registers and starts {@code process}, replacing an earlier process of the same service. */
  synchronized ServiceProcess start(
      ServiceProcess process, boolean restart, Consumer<String> crash) {
    checkOpen();
    services.put(process.service(), process);
    process.start(restart, crash);
    return process;
  }

  /** Stops PostgreSQL alone (the services keep running), e.g. to test an outage. */
  synchronized void stopPostgres() {
    if (postgres != null) {
      postgres.close();
      postgres = null;
    }
  }

  /** Stops Kafka alone (the services keep running), e.g. to test an outage. */
  synchronized void stopKafka() {
    if (kafka != null) {
      kafka.close();
      kafka = null;
    }
  }

  /** Kills Kafka alone with SIGKILL (the services keep running), e.g. to test a broker crash. */
  synchronized void killKafka() {
    if (kafka != null) {
      kafka.kill();
      kafka = null;
    }
  }

  synchronized boolean hasKafka() {
    return kafka != null;
  }

  synchronized boolean hasPostgres() {
    return postgres != null;
  }

  synchronized ServiceProcess service(Service service) {
    return services.get(service);
  }

  /**
   * Stops the services (gateway first), then Kafka, then PostgreSQL, then unlocks. Idempotent. When
   * called while the stack is still starting (Ctrl-C), also waits up to {@link #STARTUP_GRACE} for
   * the starting thread to stop the part it was starting, so that nothing outlives the JVM.
   */
  synchronized void stopAll() {
    if (!(stopped && lock == null)) {
      stopped = true;
      StackShutdown.run(services, kafka, postgres, progress);
      services.clear();
      kafka = null;
      postgres = null;
      if (lock != null) {
        lock.close();
        lock = null;
      }
    }
    long deadline = System.nanoTime() + STARTUP_GRACE.toNanos();
    while (starting && System.nanoTime() < deadline) {
      try {
        wait(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /** Tells a waiting {@link #stopAll} that the starting thread is done, well or not. */
  synchronized void startupDone() {
    starting = false;
    notifyAll();
  }

  private <T extends AutoCloseable> T adopt(T part) {
    if (stopped) {
      try {
        part.close();
      } catch (Exception e) {
        progress.accept("could not stop " + part + ": " + e.getMessage());
      }
    }
    checkOpen();
    return part;
  }

  private void checkOpen() {
    if (stopped) {
      throw new StackException("startup cancelled: the stack is stopping");
    }
  }
}
