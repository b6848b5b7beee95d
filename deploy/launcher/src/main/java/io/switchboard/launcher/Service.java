package io.switchboard.launcher;

import java.util.Locale;
import java.util.Optional;

/** The seven Switchboard services the launcher runs, with their module, database and ports. */
public enum Service {
  GATEWAY("gateway", "gateway", null, 3005, 0),
  AUTH("auth-service", "auth-service", "auth", 8081, 1),
  AGENT("agent-service", "agent-service", "agent", 8082, 2),
  MODEL("model-service", "model-service", "model", 8083, 3),
  SKILL("skill-service", "skill-service", "skill", 8084, 4),
  VAULT("vault-service", "vault-service", "vault", 8085, 5),
  PIPELINE("pipeline-service", "pipeline-service", "pipeline", 8086, 6);

  private final String id;
  private final String moduleDir;
  private final String database;
  private final int defaultPort;
  private final int baseOffset;

  Service(String id, String moduleDir, String shortName, int defaultPort, int baseOffset) {
    this.id = id;
    this.moduleDir = moduleDir;
    this.database = shortName == null ? null : "switchboard_" + shortName;
    this.defaultPort = defaultPort;
    this.baseOffset = baseOffset;
  }

  /** The service's name, e.g. {@code auth-service}; also the name of its log file. */
  public String id() {
    return id;
  }

  /** The Maven module directory below the repository root. */
  public String moduleDir() {
    return moduleDir;
  }

  /** The PostgreSQL database the service owns, e.g. {@code switchboard_auth}; empty for gateway. */
  public Optional<String> database() {
    return Optional.ofNullable(database);
  }

  /** The HTTP port used when nothing is configured. */
  public int defaultPort() {
    return defaultPort;
  }

  /** The offset from {@code SWITCHBOARD_PORT_BASE}. */
  public int baseOffset() {
    return baseOffset;
  }

  /** The upper-case short name used in environment variables, e.g. {@code AUTH}. */
  public String envName() {
    return name();
  }

  /** The environment variable that sets this service's port, e.g. {@code SWITCHBOARD_AUTH_PORT}. */
  public String portVariable() {
    return "SWITCHBOARD_" + envName() + "_PORT";
  }

  /**
   * Finds a service by its id ({@code model-service}), short name ({@code model}) or enum name.
   *
   * @throws IllegalArgumentException naming the known services when nothing matches
   */
  public static Service byId(String name) {
    String wanted = name.trim().toLowerCase(Locale.ROOT);
    for (Service service : values()) {
      if (service.id.equals(wanted) || service.name().toLowerCase(Locale.ROOT).equals(wanted)) {
        return service;
      }
    }
    StringBuilder known = new StringBuilder();
    for (Service service : values()) {
      known.append(known.length() == 0 ? "" : ", ").append(service.id);
    }
    throw new IllegalArgumentException("unknown service '" + name + "'; known: " + known);
  }
}
