package io.switchboard.launcher;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class PortsTest {

  @Test
  void portHeldOnLoopbackIsReportedWithOwnerAndVariable() throws IOException {
    try (ServerSocket held = new ServerSocket()) {
      held.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      int port = held.getLocalPort();
      StackConfig config =
          StackConfig.builtIn(Path.of("/repo"))
              .withPortBase(TestPorts.freeBase())
              .withServicePort(Service.AUTH, port);

      StackException e =
          assertThrows(StackException.class, () -> Ports.checkFree(Ports.claims(config)));

      assertEquals(
          "port "
              + port
              + " (auth-service) is already in use; set SWITCHBOARD_AUTH_PORT"
              + " (or SWITCHBOARD_PORT_BASE) or stop what holds it",
          e.getMessage());
    }
  }

  @Test
  void portHeldOnAllAddressesIsReportedForPostgres() throws IOException {
    try (ServerSocket held = new ServerSocket(0)) {
      List<Ports.Claim> claims = List.of(new Ports.Claim(held.getLocalPort(), "PostgreSQL"));

      StackException e = assertThrows(StackException.class, () -> Ports.checkFree(claims));

      assertTrue(
          e.getMessage().contains("(PostgreSQL) is already in use; set SWITCHBOARD_PG_PORT"));
    }
  }

  @Test
  void samePortForTwoPartsIsAConfigurationError() {
    StackConfig config = StackConfig.builtIn(Path.of("/repo")).withKafkaPorts(19092, 19092);

    StackException e =
        assertThrows(StackException.class, () -> Ports.checkFree(Ports.claims(config)));

    assertEquals(
        "port 19092 is configured for both Kafka and Kafka controller;"
            + " set SWITCHBOARD_KAFKA_CONTROLLER_PORT to another port",
        e.getMessage());
  }

  @Test
  void freePortsPass() {
    int port = TestPorts.freePort();
    assertTrue(Ports.isFree(port));
    assertDoesNotThrow(() -> Ports.checkFree(List.of(new Ports.Claim(port, "gateway"))));
  }

  @Test
  void claimsCoverInfrastructureAndConfiguredServicesOnly() {
    StackConfig config = StackConfig.builtIn(Path.of("/repo")).withServices(List.of());

    assertEquals(3, Ports.claims(config).size());
    assertEquals(10, Ports.claims(config.withServices(List.of(Service.values()))).size());
    assertFalse(Ports.claims(config).stream().anyMatch(c -> c.port() == 3005));
  }
}
