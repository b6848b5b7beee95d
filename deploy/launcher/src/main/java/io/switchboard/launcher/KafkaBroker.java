package io.switchboard.launcher;

import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * A real single-node KRaft Kafka broker in a child JVM ({@code kafka.Kafka server.properties}), so
 * its memory and logs stay apart from the launcher's. Log: {@code <dataDir>/logs/kafka.log}.
 */
final class KafkaBroker implements AutoCloseable {
  private static final Duration STOP_GRACE = Duration.ofSeconds(30);

  private final KafkaFiles files;
  private final Process process;
  private final Leftovers leftovers;

  private KafkaBroker(KafkaFiles files, Process process, Leftovers leftovers) {
    this.files = files;
    this.process = process;
    this.leftovers = leftovers;
  }

  /** Formats the storage on the first run, starts the broker, waits for it, creates the topics. */
  static KafkaBroker start(StackConfig config, Leftovers leftovers, BooleanSupplier cancelled) {
    KafkaFiles files = new KafkaFiles(config);
    Process process;
    try {
      String clusterId = files.prepare();
      Files.writeString(files.log(), "", StandardCharsets.UTF_8);
      Path argFile = files.dir().resolve("classpath.args");
      Files.writeString(
          argFile, "-cp \"" + Processes.childClasspath() + "\"\n", StandardCharsets.UTF_8);
      if (!files.isFormatted()) {
        format(files, argFile, clusterId);
      }
      process = java(files, argFile, "-Xmx512m", "kafka.Kafka", files.serverPropertiesFile());
    } catch (IOException e) {
      throw new StackException("could not start Kafka: " + e, e);
    }
    leftovers.record("kafka", process.toHandle());
    KafkaBroker broker = new KafkaBroker(files, process, leftovers);
    try {
      broker.awaitReadyAndCreateTopics(
          config.kafkaBootstrapServers(), config.readyTimeout(), cancelled);
    } catch (RuntimeException e) {
      broker.close();
      throw e;
    }
    return broker;
  }

  private static void format(KafkaFiles files, Path argFile, String clusterId) throws IOException {
    Process format =
        java(
            files,
            argFile,
            "-Xmx256m",
            "kafka.tools.StorageTool",
            Path.of("format"),
            Path.of("-t"),
            Path.of(clusterId),
            Path.of("-c"),
            files.serverPropertiesFile());
    try {
      if (!format.waitFor(60, TimeUnit.SECONDS)) {
        Processes.stop(format, Duration.ofSeconds(5));
        throw new StackException(Processes.failure("Kafka storage format", "hung", files.log()));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      format.destroyForcibly();
      throw new StackException("interrupted while formatting Kafka's storage");
    }
    if (format.exitValue() != 0) {
      throw new StackException(
          Processes.failure(
              "Kafka storage format",
              "failed (exit code " + format.exitValue() + ")",
              files.log()));
    }
  }

  private static Process java(
      KafkaFiles files, Path argFile, String heap, String main, Path... args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Processes.java());
    command.add(heap);
    command.add("-Djava.awt.headless=true");
    command.add("-Dorg.slf4j.simpleLogger.showDateTime=true");
    command.add("-Dorg.slf4j.simpleLogger.dateTimeFormat=yyyy-MM-dd'T'HH:mm:ss.SSS");
    command.add("@" + argFile);
    command.add(main);
    for (Path arg : args) {
      command.add(arg.toString());
    }
    return new ProcessBuilder(command)
        .directory(files.dir().toFile())
        .redirectErrorStream(true)
        .redirectOutput(Redirect.appendTo(files.log().toFile()))
        .start();
  }

  private void awaitReadyAndCreateTopics(
      String bootstrap, Duration readyTimeout, BooleanSupplier cancelled) {
    Map<String, Object> props =
        Map.of(
            AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
            AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 3000,
            AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5000,
            AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 250);
    long deadline = System.nanoTime() + readyTimeout.toNanos();
    try (Admin admin = Admin.create(props)) {
      while (true) {
        if (!process.isAlive()) {
          throw new StackException(
              Processes.failure(
                  "Kafka",
                  "exited with code " + process.exitValue() + " while starting",
                  files.log()));
        }
        if (cancelled.getAsBoolean()) {
          throw new StackException("startup cancelled: the stack is stopping");
        }
        try {
          admin.describeCluster().nodes().get(3, TimeUnit.SECONDS);
          break;
        } catch (ExecutionException | TimeoutException e) {
          if (System.nanoTime() > deadline) {
            throw new StackException(
                Processes.failure(
                    "Kafka on " + bootstrap,
                    "was not ready within " + readyTimeout.toSeconds() + " s",
                    files.log()));
          }
          sleep(250);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new StackException("interrupted while waiting for Kafka");
        }
      }
      createTopics(admin);
    }
  }

  private void createTopics(Admin admin) {
    try {
      Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
      List<NewTopic> missing = new ArrayList<>();
      for (String topic : KafkaFiles.TOPICS) {
        if (!existing.contains(topic)) {
          missing.add(new NewTopic(topic, KafkaFiles.PARTITIONS, (short) 1));
        }
      }
      for (var result : admin.createTopics(missing).values().values()) {
        try {
          result.get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
          if (!(e.getCause() instanceof TopicExistsException)) {
            throw e;
          }
        }
      }
    } catch (ExecutionException | TimeoutException e) {
      throw new StackException("Kafka started, but creating the topics failed: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StackException("interrupted while creating Kafka's topics");
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StackException("interrupted while waiting for Kafka");
    }
  }

  /** Stops the broker: SIGTERM (controlled shutdown), then SIGKILL after 30 s. */
  @Override
  public void close() {
    Processes.stop(process, STOP_GRACE);
    leftovers.forget("kafka");
  }
}
