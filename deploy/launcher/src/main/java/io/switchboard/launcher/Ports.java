package io.switchboard.launcher;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Checks, before anything starts, that every port the stack will bind is free. */
final class Ports {

  /** One port the stack wants, and who wants it ({@code auth-service}, {@code PostgreSQL}...). */
  record Claim(int port, String owner) {}

  private Ports() {}

  /** The ports {@code config} will bind: PostgreSQL, Kafka, its controller, then the services. */
  static List<Claim> claims(StackConfig config) {
    List<Claim> claims = new ArrayList<>();
    claims.add(new Claim(config.postgresPort(), "PostgreSQL"));
    claims.add(new Claim(config.kafkaPort(), "Kafka"));
    claims.add(new Claim(config.kafkaControllerPort(), "Kafka controller"));
    for (Service service : config.services()) {
      claims.add(new Claim(config.port(service), service.id()));
    }
    return claims;
  }

  /**
   * Fails on the first port configured twice or already bound by another process.
   *
   * @throws StackException naming the port, who wanted it and how to move it
   */
  static void checkFree(List<Claim> claims) {
    Map<Integer, String> seen = new HashMap<>();
    for (Claim claim : claims) {
      String other = seen.putIfAbsent(claim.port(), claim.owner());
      if (other != null) {
        throw new StackException(
            "port "
                + claim.port()
                + " is configured for both "
                + other
                + " and "
                + claim.owner()
                + "; set "
                + EnvOverrides.variableFor(claim.owner())
                + " to another port");
      }
    }
    for (Claim claim : claims) {
      if (!isFree(claim.port())) {
        throw new StackException(
            "port "
                + claim.port()
                + " ("
                + claim.owner()
                + ") is already in use; set "
                + EnvOverrides.variableFor(claim.owner())
                + " (or "
                + EnvOverrides.PORT_BASE
                + ") or stop what holds it");
      }
    }
  }

  /**
   * Returns {@code port} if it is a valid TCP port.
   *
   * @throws IllegalArgumentException naming {@code what} otherwise
   */
  static int check(int port, String what) {
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException(what + ": " + port + " is not a valid port (1-65535)");
    }
    return port;
  }

  /** Whether nothing listens on {@code port} (any local address). */
  static boolean isFree(int port) {
    try (ServerSocket socket = new ServerSocket()) {
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress(port));
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
