package io.switchboard.launcher;

import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * One Quarkus service as a child process: {@code java -jar <module>/target/quarkus-app/
 * quarkus-run.jar}, configured through environment variables, logging to {@code
 * <dataDir>/logs/<service>.log}.
 */
final class ServiceProcess {
  static final Duration STOP_GRACE = Duration.ofSeconds(15);

  private final Service service;
  private final StackConfig config;
  private final Leftovers leftovers;
  private final StartupArchive.Decision startup;
  private final Map<String, String> extraEnvironment;
  private volatile Process process;
  private volatile boolean stopping;

  /** Runs the ordinary jar, with the launcher's environment. */
  ServiceProcess(Service service, StackConfig config, Leftovers leftovers) {
    this(service, config, leftovers, StartupArchive.Decision.ORDINARY, Map.of());
  }

  /**
   * Runs as {@code startup} says (see {@link StartupArchive#decide}), with {@code extra} set over
   * {@link #environment} (a restart with other settings).
   */
  ServiceProcess(
      Service service,
      StackConfig config,
      Leftovers leftovers,
      StartupArchive.Decision startup,
      Map<String, String> extra) {
    this.service = service;
    this.config = config;
    this.leftovers = leftovers;
    this.startup = startup;
    this.extraEnvironment = Map.copyOf(extra);
  }

  Service service() {
    return service;
  }

  /** The running process, if any. */
  Optional<ProcessHandle> handle() {
    Process current = process;
    return current != null && current.isAlive()
        ? Optional.of(current.toHandle())
        : Optional.empty();
  }

  /** The runnable jar of {@code service} below the repository root. */
  static Path jar(StackConfig config, Service service) {
    return target(config, service).resolve("quarkus-app").resolve("quarkus-run.jar");
  }

  /** The build directory ({@code target}) of {@code service}'s module. */
  static Path target(StackConfig config, Service service) {
    return config.repoRoot().resolve(service.moduleDir()).resolve("target");
  }

  /**
   * Returns the service's jar, or fails telling how to build it.
   *
   * @throws StackException when the jar is missing
   */
  static Path checkJar(StackConfig config, Service service) {
    Path jar = jar(config, service);
    if (!Files.isRegularFile(jar)) {
      throw new StackException(
          service.id()
              + ": "
              + jar
              + " is missing; build Switchboard first: ./mvnw -DskipTests package"
              + " (or ./switchboard build)");
    }
    return jar;
  }

  Path log() {
    return config.logsDir().resolve(service.id() + ".log");
  }

  /** The variables that wire {@code service} to PostgreSQL, Kafka, auth-service and each other. */
  static Map<String, String> environment(StackConfig config, Service service) {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("QUARKUS_HTTP_PORT", String.valueOf(config.port(service)));
    env.put("KAFKA_BOOTSTRAP_SERVERS", config.kafkaBootstrapServers());
    env.put("SWITCHBOARD_AUTH_URL", config.url(Service.AUTH));
    env.put("SWITCHBOARD_DATA_DIR", config.dataDir().toString());
    service
        .database()
        .ifPresent(
            database -> {
              env.put("QUARKUS_DATASOURCE_JDBC_URL", config.jdbcUrl(database));
              env.put("QUARKUS_DATASOURCE_USERNAME", "postgres");
              env.put("QUARKUS_DATASOURCE_PASSWORD", "postgres");
            });
    if (service != Service.GATEWAY) {
      // Only the gateway is the way in; the services listen on loopback alone.
      env.put("QUARKUS_HTTP_HOST", "127.0.0.1");
      // Where the others are, for the REST clients of /internal calls (SWITCHBOARD_<NAME>_URL).
      for (Service target : Service.values()) {
        if (target != Service.GATEWAY && target != Service.AUTH && target != service) {
          env.put("SWITCHBOARD_" + target.envName() + "_URL", config.url(target));
        }
      }
    } else {
      for (Service target : Service.values()) {
        if (target != Service.GATEWAY) {
          env.put("SWITCHBOARD_GATEWAY_SERVICES_" + target.envName() + "_URL", config.url(target));
        }
      }
    }
    env.putAll(config.extraEnvironment().getOrDefault(service, Map.of()));
    return env;
  }

  /**
   * The JVM's heap settings. model-service loads the offline embedding model (about 90 MB while
   * loading) for routing, so it may grow to 512 MB. {@code -Xms64m}: without it the JVM starts with
   * 1/64 of the machine's RAM as heap (376 MB on a 24 GB machine, capped by -Xmx) and sizes the
   * young generation from that, so a few seconds of traffic touch 80-120 MB of eden that are never
   * given back (bench/results/startup-*.md: model-service 344 → 252 MiB RSS after warm-up,
   * auth-service 283 → 244 MiB, the same live heap).
   */
  static List<String> jvmOptions(Service service) {
    String max = service == Service.MODEL ? "-Xmx512m" : "-Xmx256m";
    return List.of("-Xms64m", max, "-XX:+UseSerialGC");
  }

  /**
   * Starts the process (not waiting for readiness).
   *
   * @param appendLog keep the log of an earlier run (a restart) instead of truncating it
   * @param onCrash told when the process exits without being asked to
   */
  void start(boolean appendLog, Consumer<String> onCrash) {
    Path jar = startup.jar().orElseGet(() -> jar(config, service));
    List<String> command = command(config, service, startup);
    ProcessBuilder builder =
        new ProcessBuilder(command).directory(config.repoRoot().toFile()).redirectErrorStream(true);
    builder.environment().putAll(environment(config, service));
    builder.environment().putAll(extraEnvironment);
    builder.redirectOutput(
        appendLog ? Redirect.appendTo(log().toFile()) : Redirect.to(log().toFile()));
    try {
      Files.createDirectories(config.logsDir());
      stopping = false;
      Process started = builder.start();
      process = started;
      leftovers.record(service.id(), started.toHandle());
      started
          .onExit()
          .thenAccept(
              p -> {
                if (!stopping) {
                  onCrash.accept(
                      service.id()
                          + " exited unexpectedly (code "
                          + p.exitValue()
                          + "); see "
                          + log());
                }
              });
    } catch (IOException e) {
      throw new StackException(service.id() + ": could not start " + jar + ": " + e, e);
    }
  }

  boolean isAlive() {
    Process current = process;
    return current != null && current.isAlive();
  }

  /** Why the service is not ready, with its exit code (if it exited) and the tail of its log. */
  String failure(String why) {
    Process current = process;
    String state =
        current != null && !current.isAlive()
            ? "exited with code " + current.exitValue() + " before it was ready"
            : why;
    return Processes.failure(service.id(), state, log());
  }

  /**
   * Kills the service and its descendants at once (SIGKILL: no shutdown hook, no drain, no commit),
   * as a crash would, and waits until they are gone. Idempotent.
   */
  void kill() {
    stopping = true;
    Process current = process;
    if (current != null) {
      Processes.kill(current.toHandle());
      leftovers.forget(service.id());
    }
  }

  /**
   * Stops the service and its descendants (SIGTERM, then SIGKILL after 15 s). Idempotent.
   *
   * @return the exit code (143 or 0 after a graceful stop, 137 when it had to be killed), or -1
   *     when it was never started or did not exit
   */
  int stop() {
    stopping = true;
    Process current = process;
    if (current == null) {
      return -1;
    }
    int code = Processes.stop(current, STOP_GRACE);
    leftovers.forget(service.id());
    return code;
  }

  /**
   * The command line that runs {@code service}: this JVM's {@code java}, {@link #jvmOptions} and
   * {@code -jar} with the service's jar; with the aot-jar package of {@code target/aot} and the
   * options of its archive or cache instead when {@code startup} says so (see {@link
   * StartupArchive#decide}).
   *
   * @throws StackException for the ordinary jar, when it is missing
   */
  static List<String> command(
      StackConfig config, Service service, StartupArchive.Decision startup) {
    List<String> command = new ArrayList<>();
    command.add(Processes.java());
    command.addAll(jvmOptions(service));
    command.addAll(startup.jvmOptions());
    Path jar = startup.jar().orElseGet(() -> checkJar(config, service));
    command.addAll(List.of("-jar", jar.toString()));
    return command;
  }
}
