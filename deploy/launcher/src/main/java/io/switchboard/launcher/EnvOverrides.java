package io.switchboard.launcher;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * Applies the {@code SWITCHBOARD_*} environment variables to a {@link StackConfig}: first {@code
 * SWITCHBOARD_PORT_BASE}, then the single ports, so a single port wins over the base.
 */
final class EnvOverrides {
  static final String DATA_DIR = "SWITCHBOARD_DATA_DIR";
  static final String PORT_BASE = "SWITCHBOARD_PORT_BASE";
  static final String PG_PORT = "SWITCHBOARD_PG_PORT";
  static final String KAFKA_PORT = "SWITCHBOARD_KAFKA_PORT";
  static final String KAFKA_CONTROLLER_PORT = "SWITCHBOARD_KAFKA_CONTROLLER_PORT";
  static final String READY_TIMEOUT = "SWITCHBOARD_READY_TIMEOUT_SECONDS";

  private EnvOverrides() {}

  static StackConfig apply(StackConfig config, Map<String, String> env) {
    String dataDir = value(env, DATA_DIR);
    if (dataDir != null) {
      config = config.withDataDir(config.repoRoot().resolve(Path.of(dataDir)));
    }
    Integer base = port(env, PORT_BASE);
    if (base != null) {
      config = config.withPortBase(base);
    }
    for (Service service : Service.values()) {
      Integer port = port(env, service.portVariable());
      if (port != null) {
        config = config.withServicePort(service, port);
      }
    }
    Integer pg = port(env, PG_PORT);
    if (pg != null) {
      config = config.withPostgresPort(pg);
    }
    Integer kafka = port(env, KAFKA_PORT);
    Integer controller = port(env, KAFKA_CONTROLLER_PORT);
    if (kafka != null || controller != null) {
      config =
          config.withKafkaPorts(
              kafka != null ? kafka : config.kafkaPort(),
              controller != null ? controller : config.kafkaControllerPort());
    }
    Integer timeout = number(env, READY_TIMEOUT);
    if (timeout != null) {
      config = config.withReadyTimeout(Duration.ofSeconds(timeout));
    }
    return config;
  }

  /** Tells which variable sets the port now used by {@code what}, for error messages. */
  static String variableFor(String what) {
    for (Service service : Service.values()) {
      if (service.id().equals(what)) {
        return service.portVariable();
      }
    }
    return switch (what) {
      case "PostgreSQL" -> PG_PORT;
      case "Kafka" -> KAFKA_PORT;
      default -> KAFKA_CONTROLLER_PORT;
    };
  }

  private static String value(Map<String, String> env, String name) {
    String value = env.get(name);
    return value == null || value.isBlank() ? null : value.trim();
  }

  private static Integer port(Map<String, String> env, String name) {
    Integer port = number(env, name);
    if (port != null && (port < 1 || port > 65535)) {
      throw new StackException(name + " must be a port number (1-65535), got " + port);
    }
    return port;
  }

  private static Integer number(Map<String, String> env, String name) {
    String value = value(env, name);
    if (value == null) {
      return null;
    }
    try {
      return Integer.valueOf(value);
    } catch (NumberFormatException e) {
      throw new StackException(name + " must be a whole number, got '" + value + "'");
    }
  }
}
