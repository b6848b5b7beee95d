package io.switchboard.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class StackConfigTest {
  private static final Path ROOT = Path.of("/repo");

  @Test
  void kafkaWaitsAtLeastAMinuteOrTheStacksLongerReadyTimeout() {
    StackConfig config = StackConfig.builtIn(Path.of("/tmp/sb"));

    assertEquals(Duration.ofSeconds(120), KafkaBroker.readyTimeout(config));
    assertEquals(
        Duration.ofSeconds(60),
        KafkaBroker.readyTimeout(config.withReadyTimeout(Duration.ofSeconds(10))));
    assertEquals(
        Duration.ofSeconds(300),
        KafkaBroker.readyTimeout(config.withReadyTimeout(Duration.ofSeconds(300))));
  }

  @Test
  void builtInDefaults() {
    StackConfig config = StackConfig.defaults(ROOT, Map.of());

    assertEquals(Path.of("/repo/.switchboard"), config.dataDir());
    assertEquals(3005, config.port(Service.GATEWAY));
    assertEquals(8081, config.port(Service.AUTH));
    assertEquals(8086, config.port(Service.PIPELINE));
    assertEquals(15432, config.postgresPort());
    assertEquals(19092, config.kafkaPort());
    assertEquals(19093, config.kafkaControllerPort());
    assertEquals(EnumSet.allOf(Service.class), config.services());
    assertEquals(Duration.ofSeconds(120), config.readyTimeout());
    assertEquals("http://localhost:3005", config.gatewayUrl());
    assertEquals("127.0.0.1:19092", config.kafkaBootstrapServers());
    assertEquals(
        "jdbc:postgresql://localhost:15432/switchboard_auth", config.jdbcUrl("switchboard_auth"));
  }

  @Test
  void portBaseGivesServicesThenPostgresThenKafka() {
    StackConfig config = StackConfig.builtIn(ROOT).withPortBase(23000);

    assertEquals(23000, config.port(Service.GATEWAY));
    assertEquals(23001, config.port(Service.AUTH));
    assertEquals(23002, config.port(Service.AGENT));
    assertEquals(23003, config.port(Service.MODEL));
    assertEquals(23004, config.port(Service.SKILL));
    assertEquals(23005, config.port(Service.VAULT));
    assertEquals(23006, config.port(Service.PIPELINE));
    assertEquals(23007, config.postgresPort());
    assertEquals(23008, config.kafkaPort());
    assertEquals(23009, config.kafkaControllerPort());
  }

  @Test
  void portBaseMustLeaveRoomForTenPorts() {
    StackConfig config = StackConfig.builtIn(ROOT);

    assertThrows(IllegalArgumentException.class, () -> config.withPortBase(65530));
  }

  @Test
  void environmentSetsBaseThenSinglePortsWin() {
    StackConfig config =
        StackConfig.defaults(
            ROOT,
            Map.of(
                "SWITCHBOARD_PORT_BASE", "24000",
                "SWITCHBOARD_GATEWAY_PORT", "4000",
                "SWITCHBOARD_PG_PORT", "5555",
                "SWITCHBOARD_KAFKA_PORT", "9999",
                "SWITCHBOARD_DATA_DIR", "tmp/data",
                "SWITCHBOARD_READY_TIMEOUT_SECONDS", "30"));

    assertEquals(4000, config.port(Service.GATEWAY));
    assertEquals(24001, config.port(Service.AUTH));
    assertEquals(5555, config.postgresPort());
    assertEquals(9999, config.kafkaPort());
    assertEquals(24009, config.kafkaControllerPort());
    assertEquals(Path.of("/repo/tmp/data"), config.dataDir());
    assertEquals(Duration.ofSeconds(30), config.readyTimeout());
  }

  @Test
  void absoluteDataDirFromEnvironmentIsKept() {
    StackConfig config = StackConfig.defaults(ROOT, Map.of("SWITCHBOARD_DATA_DIR", "/var/sb"));

    assertEquals(Path.of("/var/sb"), config.dataDir());
  }

  @Test
  void badEnvironmentValueNamesTheVariable() {
    StackException e =
        assertThrows(
            StackException.class,
            () -> StackConfig.defaults(ROOT, Map.of("SWITCHBOARD_PG_PORT", "five")));

    assertTrue(e.getMessage().contains("SWITCHBOARD_PG_PORT"), e.getMessage());
    assertTrue(e.getMessage().contains("'five'"), e.getMessage());
  }

  @Test
  void outOfRangePortIsRejected() {
    StackException e =
        assertThrows(
            StackException.class,
            () -> StackConfig.defaults(ROOT, Map.of("SWITCHBOARD_AUTH_PORT", "70000")));

    assertTrue(e.getMessage().startsWith("SWITCHBOARD_AUTH_PORT must be a port number"));
  }

  @Test
  void withersReturnChangedCopies() {
    StackConfig base = StackConfig.builtIn(ROOT);
    StackConfig changed =
        base.withGatewayPort(3100)
            .withPostgresPort(25432)
            .withKafkaPorts(29092, 29093)
            .withServices(Set.of())
            .withReadyTimeout(Duration.ofSeconds(5));

    assertEquals(3005, base.port(Service.GATEWAY));
    assertEquals(3100, changed.port(Service.GATEWAY));
    assertEquals(25432, changed.postgresPort());
    assertEquals(29093, changed.kafkaControllerPort());
    assertTrue(changed.services().isEmpty());
    assertEquals(Duration.ofSeconds(5), changed.readyTimeout());
  }

  @Test
  void serviceLookupAcceptsIdShortNameAndEnumName() {
    assertEquals(Service.MODEL, Service.byId("model-service"));
    assertEquals(Service.MODEL, Service.byId("model"));
    assertEquals(Service.MODEL, Service.byId("MODEL"));
    assertEquals(Service.GATEWAY, Service.byId("gateway"));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Service.byId("billing"));
    assertTrue(e.getMessage().contains("auth-service"), e.getMessage());
  }
}
