package io.switchboard.defaults.messaging;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jboss.logging.Logger;

/**
 * A Kafka consumer on its own daemon thread, the way every background reader of the platform runs:
 * a consumer is made, handed to the {@link Body} until it returns or fails; a failure is logged,
 * waited out (1 s, doubling for failures in a row, capped at 30 s) and a fresh consumer made;
 * {@link #stop()} wakes the consumer and closes it, which commits nothing by itself and leaves the
 * group at once.
 */
public final class ConsumerLoop {

  /** What runs with a consumer; it polls while {@code running} says so. */
  @FunctionalInterface
  public interface Body {
    void run(KafkaConsumer<String, String> kafka, BooleanSupplier running);
  }

  private static final Logger LOG = Logger.getLogger(ConsumerLoop.class);
  private static final Duration HEALTHY_RUN = Duration.ofMinutes(1);

  private final String name;
  private final Map<String, Object> settings;
  private final Body body;
  private final Runnable onFailure;
  private volatile KafkaConsumer<String, String> consumer;
  private volatile boolean running;

  private ConsumerLoop(String name, Map<String, Object> settings, Body body, Runnable onFailure) {
    this.name = name;
    this.settings = settings;
    this.body = body;
    this.onFailure = onFailure;
  }

  /**
   * Starts a loop named {@code name} (the thread name and the Kafka client id) with the broker
   * settings, in consumer group {@code group} (committing is the body's job) or, when {@code group}
   * is null, without one (the body assigns partitions itself). {@code onFailure} runs after each
   * failed consumer, before the pause.
   */
  public static ConsumerLoop start(
      String name, Map<String, Object> broker, String group, Body body, Runnable onFailure) {
    Map<String, Object> settings = new HashMap<>(broker);
    settings.remove(ConsumerConfig.GROUP_ID_CONFIG);
    if (group != null) {
      settings.put(ConsumerConfig.GROUP_ID_CONFIG, group);
      settings.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    }
    settings.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    settings.put(ConsumerConfig.CLIENT_ID_CONFIG, name);
    ConsumerLoop loop = new ConsumerLoop(name, settings, body, onFailure);
    loop.running = true;
    Thread thread = new Thread(loop::run, name);
    thread.setDaemon(true);
    thread.start();
    return loop;
  }

  /** Stops polling; the consumer is woken up and closed by its own thread. */
  public void stop() {
    running = false;
    KafkaConsumer<String, String> current = consumer;
    if (current != null) {
      current.wakeup();
    }
  }

  /**
   * Every partition of {@code topics} the broker knows (topics not created yet have none); each
   * lookup waits at most 5 s.
   */
  public static List<TopicPartition> partitionsOf(
      KafkaConsumer<String, String> kafka, List<String> topics) {
    List<TopicPartition> found = new ArrayList<>();
    for (String topic : topics) {
      List<PartitionInfo> infos = kafka.partitionsFor(topic, Duration.ofSeconds(5));
      if (infos != null) {
        infos.forEach(info -> found.add(new TopicPartition(info.topic(), info.partition())));
      }
    }
    return found;
  }

  /** Waits {@code millis}; returns whether the loop still runs (false once interrupted). */
  public static boolean sleep(BooleanSupplier running, long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
    return running.getAsBoolean();
  }

  private void run() {
    int failures = 0;
    while (running) {
      long started = System.nanoTime();
      try (KafkaConsumer<String, String> kafka =
          new KafkaConsumer<>(settings, new StringDeserializer(), new StringDeserializer())) {
        consumer = kafka;
        body.run(kafka, () -> running);
        failures = 0;
      } catch (WakeupException e) {
        return;
      } catch (RuntimeException e) {
        // A consumer that worked for a minute starts the pauses over.
        failures = System.nanoTime() - started > HEALTHY_RUN.toNanos() ? 1 : failures + 1;
        LOG.warnf("%s: reading failed (%d in a row), retrying: %s", name, failures, e.getMessage());
        onFailure.run();
        if (!sleep(() -> running, Math.min(30_000L, 1000L << Math.min(failures - 1, 5)))) {
          return;
        }
      }
    }
  }
}
