package io.switchboard.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KafkaFilesTest {
  @TempDir Path data;

  private KafkaFiles files() {
    return new KafkaFiles(
        StackConfig.builtIn(Path.of("/repo")).withDataDir(data).withKafkaPorts(29092, 29093));
  }

  @Test
  void serverPropertiesDescribeACombinedSingleNode() throws IOException {
    Properties props = new Properties();
    props.load(new StringReader(files().render()));

    assertEquals("broker,controller", props.getProperty("process.roles"));
    assertEquals("1", props.getProperty("node.id"));
    assertEquals("1@127.0.0.1:29093", props.getProperty("controller.quorum.voters"));
    assertEquals(
        "PLAINTEXT://127.0.0.1:29092,CONTROLLER://127.0.0.1:29093", props.getProperty("listeners"));
    assertEquals("PLAINTEXT://127.0.0.1:29092", props.getProperty("advertised.listeners"));
    assertEquals("CONTROLLER", props.getProperty("controller.listener.names"));
    assertEquals(
        "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
        props.getProperty("listener.security.protocol.map"));
    assertEquals("PLAINTEXT", props.getProperty("inter.broker.listener.name"));
    assertEquals(data.resolve("kafka/data").toString(), props.getProperty("log.dirs"));
    assertEquals("3", props.getProperty("num.partitions"));
    assertEquals("true", props.getProperty("auto.create.topics.enable"));
    assertEquals("0", props.getProperty("group.initial.rebalance.delay.ms"));
    for (String key :
        new String[] {
          "offsets.topic.replication.factor",
          "transaction.state.log.replication.factor",
          "transaction.state.log.min.isr",
          "share.coordinator.state.topic.replication.factor"
        }) {
      assertEquals("1", props.getProperty(key), key);
    }
  }

  @Test
  void prepareWritesPropertiesAndKeepsTheClusterId() throws IOException {
    KafkaFiles files = files();

    String first = files.prepare();
    String second = files.prepare();

    assertEquals(first, second);
    assertEquals(22, first.length(), "a base64 Kafka Uuid: " + first);
    assertTrue(Files.readString(files.serverPropertiesFile()).contains("node.id=1"));
    assertFalse(files.isFormatted());
    Files.writeString(files.logDir().resolve("meta.properties"), "cluster.id=" + first);
    assertTrue(files.isFormatted());
  }

  @Test
  void topicsOfTheArchitecture() {
    assertEquals(
        java.util.List.of(
            "agent.events",
            "agent.commands",
            "auth.events",
            "approval.events",
            "pipeline.events",
            "notifications"),
        KafkaFiles.TOPICS);
    Map<String, String> props = files().serverProperties();
    assertEquals(String.valueOf(KafkaFiles.PARTITIONS), props.get("num.partitions"));
  }
}
