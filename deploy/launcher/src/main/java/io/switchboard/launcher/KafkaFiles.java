package io.switchboard.launcher;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.Uuid;

/**
 * The single-node KRaft broker's files under {@code <dataDir>/kafka}: {@code server.properties}
 * (written on every start, so ports may change), {@code cluster.id} (made once) and the log
 * directory {@code data/}, formatted once ({@code data/meta.properties}).
 */
final class KafkaFiles {
  /** The topics of the architecture, created on start when missing. */
  static final List<String> TOPICS =
      List.of(
          "agent.events",
          "agent.commands",
          "auth.events",
          "approval.events",
          "pipeline.events",
          "notifications");

  /** Partitions of every topic (and of auto-created ones). */
  static final int PARTITIONS = 3;

  private final StackConfig config;

  KafkaFiles(StackConfig config) {
    this.config = config;
  }

  Path dir() {
    return config.dataDir().resolve("kafka");
  }

  Path serverPropertiesFile() {
    return dir().resolve("server.properties");
  }

  Path logDir() {
    return dir().resolve("data");
  }

  Path log() {
    return config.logsDir().resolve("kafka.log");
  }

  /** Whether {@code kafka-storage format} has already run on the log directory. */
  boolean isFormatted() {
    return Files.exists(logDir().resolve("meta.properties"));
  }

  /** The broker configuration: combined broker + controller, replication factor 1 everywhere. */
  Map<String, String> serverProperties() {
    String controller = "127.0.0.1:" + config.kafkaControllerPort();
    String plaintext = "PLAINTEXT://127.0.0.1:" + config.kafkaPort();
    Map<String, String> props = new LinkedHashMap<>();
    props.put("process.roles", "broker,controller");
    props.put("node.id", "1");
    props.put("controller.quorum.voters", "1@" + controller);
    props.put("listeners", plaintext + ",CONTROLLER://" + controller);
    props.put("advertised.listeners", plaintext);
    props.put("controller.listener.names", "CONTROLLER");
    props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
    props.put("inter.broker.listener.name", "PLAINTEXT");
    props.put("log.dirs", logDir().toString().replace('\\', '/'));
    props.put("num.partitions", String.valueOf(PARTITIONS));
    props.put("default.replication.factor", "1");
    props.put("offsets.topic.replication.factor", "1");
    props.put("offsets.topic.num.partitions", "10");
    props.put("transaction.state.log.replication.factor", "1");
    props.put("transaction.state.log.min.isr", "1");
    props.put("share.coordinator.state.topic.replication.factor", "1");
    props.put("share.coordinator.state.topic.min.isr", "1");
    props.put("group.initial.rebalance.delay.ms", "0");
    props.put("auto.create.topics.enable", "true");
    return props;
  }

  /** {@link #serverProperties()} as the text of a {@code .properties} file. */
  String render() {
    StringBuilder text =
        new StringBuilder("# Written by the Switchboard launcher on every start.\n");
    serverProperties()
        .forEach((key, value) -> text.append(key).append('=').append(value).append('\n'));
    return text.toString();
  }

  /** Writes {@code server.properties} and returns the cluster id, made on the first run. */
  String prepare() throws IOException {
    Files.createDirectories(logDir());
    Files.createDirectories(config.logsDir());
    Files.writeString(serverPropertiesFile(), render(), StandardCharsets.UTF_8);
    Path idFile = dir().resolve("cluster.id");
    if (Files.exists(idFile)) {
      String id = Files.readString(idFile, StandardCharsets.UTF_8).trim();
      if (!id.isEmpty()) {
        return id;
      }
    }
    String id = Uuid.randomUuid().toString();
    Files.writeString(idFile, id + "\n", StandardCharsets.UTF_8);
    return id;
  }
}
