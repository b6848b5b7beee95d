package io.switchboard.testing;

import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

/**
 * A real Kafka broker for a test run: a single KRaft node in this JVM, or the one named by {@code
 * SWITCHBOARD_TEST_KAFKA} (bootstrap servers).
 */
public final class TestKafka implements AutoCloseable {

  private final KafkaClusterTestKit cluster;
  private final String bootstrapServers;

  private TestKafka(KafkaClusterTestKit cluster, String bootstrapServers) {
    this.cluster = cluster;
    this.bootstrapServers = bootstrapServers;
  }

  public static TestKafka start() {
    String external = System.getenv("SWITCHBOARD_TEST_KAFKA");
    if (external != null && !external.isBlank()) {
      return new TestKafka(null, external);
    }
    try {
      KafkaClusterTestKit cluster =
          new KafkaClusterTestKit.Builder(
                  new TestKitNodes.Builder()
                      .setCombined(true)
                      .setNumBrokerNodes(1)
                      .setNumControllerNodes(1)
                      .build())
              .setConfigProp("offsets.topic.replication.factor", "1")
              .setConfigProp("transaction.state.log.replication.factor", "1")
              .setConfigProp("transaction.state.log.min.isr", "1")
              .setConfigProp("group.initial.rebalance.delay.ms", "0")
              .setConfigProp("auto.create.topics.enable", "true")
              .build();
      cluster.format();
      cluster.startup();
      cluster.waitForReadyBrokers();
      return new TestKafka(cluster, cluster.bootstrapServers());
    } catch (Exception e) {
      throw new IllegalStateException("Could not start the in-process Kafka broker", e);
    }
  }

  public String bootstrapServers() {
    return bootstrapServers;
  }

  @Override
  public void close() throws Exception {
    if (cluster != null) {
      cluster.close();
    }
  }
}
