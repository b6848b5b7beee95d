package io.switchboard.launcher;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * Where the stack keeps its data and which ports it binds. Immutable: the {@code with...} methods
 * return a changed copy. Start from {@link #defaults(Path)}, which reads the {@code SWITCHBOARD_*}
 * environment variables.
 *
 * @param repoRoot the Switchboard repository; services run from {@code <module>/target/quarkus-app}
 * @param dataDir PostgreSQL data, Kafka logs, service logs; kept between runs
 * @param servicePorts the HTTP port of every service
 * @param postgresPort PostgreSQL's port
 * @param kafkaPort the Kafka broker's (PLAINTEXT) port
 * @param kafkaControllerPort the KRaft controller's port
 * @param services which services to run; empty runs PostgreSQL and Kafka only
 * @param readyTimeout how long a service may take to answer 200 on {@code /health/ready}, and the
 *     Kafka broker to answer
 */
public record StackConfig(
    Path repoRoot,
    Path dataDir,
    Map<Service, Integer> servicePorts,
    int postgresPort,
    int kafkaPort,
    int kafkaControllerPort,
    Set<Service> services,
    Duration readyTimeout) {

  /** PostgreSQL's default port, apart from a system PostgreSQL's 5432. */
  public static final int DEFAULT_POSTGRES_PORT = 15432;

  /** The Kafka broker's default port. */
  public static final int DEFAULT_KAFKA_PORT = 19092;

  /** The KRaft controller's default port. */
  public static final int DEFAULT_KAFKA_CONTROLLER_PORT = 19093;

  /** How long a service may take to become ready by default. */
  public static final Duration DEFAULT_READY_TIMEOUT = Duration.ofSeconds(120);

  /** Validates and copies the components. */
  public StackConfig {
    repoRoot = repoRoot.toAbsolutePath().normalize();
    dataDir = dataDir.toAbsolutePath().normalize();
    EnumMap<Service, Integer> ports = new EnumMap<>(Service.class);
    for (Service service : Service.values()) {
      Integer port = servicePorts.get(service);
      ports.put(service, Ports.check(port == null ? service.defaultPort() : port, service.id()));
    }
    servicePorts = Collections.unmodifiableMap(ports);
    Ports.check(postgresPort, "PostgreSQL");
    Ports.check(kafkaPort, "Kafka");
    Ports.check(kafkaControllerPort, "Kafka controller");
    services =
        Collections.unmodifiableSet(
            services.isEmpty() ? EnumSet.noneOf(Service.class) : EnumSet.copyOf(services));
    if (readyTimeout.isNegative() || readyTimeout.isZero()) {
      throw new IllegalArgumentException("readyTimeout must be positive: " + readyTimeout);
    }
  }

  /** The built-in defaults, overridden by the {@code SWITCHBOARD_*} environment variables. */
  public static StackConfig defaults(Path repoRoot) {
    return defaults(repoRoot, System.getenv());
  }

  /** The built-in defaults, overridden by the {@code SWITCHBOARD_*} entries of {@code env}. */
  public static StackConfig defaults(Path repoRoot, Map<String, String> env) {
    return EnvOverrides.apply(builtIn(repoRoot), env);
  }

  /**
   * The built-in defaults, ignoring the environment: data in {@code <repoRoot>/.switchboard}, the
   * gateway on 3005, services on 8081-8086, PostgreSQL on 15432, Kafka on 19092/19093.
   */
  public static StackConfig builtIn(Path repoRoot) {
    return new StackConfig(
        repoRoot,
        repoRoot.resolve(".switchboard"),
        Map.of(),
        DEFAULT_POSTGRES_PORT,
        DEFAULT_KAFKA_PORT,
        DEFAULT_KAFKA_CONTROLLER_PORT,
        EnumSet.allOf(Service.class),
        DEFAULT_READY_TIMEOUT);
  }

  /** A copy keeping its data (PostgreSQL, Kafka, logs) in {@code dir}. */
  public StackConfig withDataDir(Path dir) {
    return new StackConfig(
        repoRoot,
        dir,
        servicePorts,
        postgresPort,
        kafkaPort,
        kafkaControllerPort,
        services,
        readyTimeout);
  }

  /**
   * A copy whose ports all derive from {@code base}: the services get base+0 (gateway) to base+6
   * (pipeline-service) in {@link Service} order, PostgreSQL base+7, Kafka base+8 and base+9.
   */
  public StackConfig withPortBase(int base) {
    Ports.check(base, "port base");
    Ports.check(base + 9, "port base + 9");
    EnumMap<Service, Integer> ports = new EnumMap<>(Service.class);
    for (Service service : Service.values()) {
      ports.put(service, base + service.baseOffset());
    }
    return withPorts(ports, base + 7, base + 8, base + 9);
  }

  /** A copy running {@code service} on {@code port}. */
  public StackConfig withServicePort(Service service, int port) {
    EnumMap<Service, Integer> ports = new EnumMap<>(servicePorts);
    ports.put(service, port);
    return withPorts(ports, postgresPort, kafkaPort, kafkaControllerPort);
  }

  /** A copy running the gateway on {@code port}. */
  public StackConfig withGatewayPort(int port) {
    return withServicePort(Service.GATEWAY, port);
  }

  /** A copy running PostgreSQL on {@code port}. */
  public StackConfig withPostgresPort(int port) {
    return withPorts(servicePorts, port, kafkaPort, kafkaControllerPort);
  }

  /** A copy running the Kafka broker on {@code port} and its controller on {@code controller}. */
  public StackConfig withKafkaPorts(int port, int controller) {
    return withPorts(servicePorts, postgresPort, port, controller);
  }

  private StackConfig withPorts(Map<Service, Integer> ports, int pg, int kafka, int controller) {
    return new StackConfig(repoRoot, dataDir, ports, pg, kafka, controller, services, readyTimeout);
  }

  /**
   * A copy running only {@code only} (plus PostgreSQL and Kafka); empty means infrastructure only.
   */
  public StackConfig withServices(Collection<Service> only) {
    return new StackConfig(
        repoRoot,
        dataDir,
        servicePorts,
        postgresPort,
        kafkaPort,
        kafkaControllerPort,
        only.isEmpty() ? Set.of() : EnumSet.copyOf(only),
        readyTimeout);
  }

  /** A copy that waits at most {@code timeout} for each service to become ready. */
  public StackConfig withReadyTimeout(Duration timeout) {
    return new StackConfig(
        repoRoot,
        dataDir,
        servicePorts,
        postgresPort,
        kafkaPort,
        kafkaControllerPort,
        services,
        timeout);
  }

  /** The HTTP port of {@code service}. */
  public int port(Service service) {
    return servicePorts.get(service);
  }

  /** The base URL of {@code service} on loopback, e.g. {@code http://127.0.0.1:8081}. */
  public String url(Service service) {
    return "http://127.0.0.1:" + port(service);
  }

  /** The gateway's base URL, e.g. {@code http://localhost:3005}. */
  public String gatewayUrl() {
    return "http://localhost:" + port(Service.GATEWAY);
  }

  /** Kafka's bootstrap servers, e.g. {@code 127.0.0.1:19092}. */
  public String kafkaBootstrapServers() {
    return "127.0.0.1:" + kafkaPort;
  }

  /** The JDBC URL of {@code database} on the stack's PostgreSQL (user postgres, any password). */
  public String jdbcUrl(String database) {
    return "jdbc:postgresql://localhost:" + postgresPort + "/" + database;
  }

  /** Where every process writes its log: {@code <dataDir>/logs}. */
  public Path logsDir() {
    return dataDir.resolve("logs");
  }
}
