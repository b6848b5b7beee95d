package io.switchboard.launcher;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A running Switchboard: PostgreSQL, a Kafka broker and the services of a {@link StackConfig}.
 * {@link #start} returns once every service answers 200 on {@code /health/ready}; {@link #close}
 * stops everything (also run by a JVM shutdown hook, so Ctrl-C leaves nothing behind).
 *
 * <pre>{@code
 * try (Stack stack = Stack.start(StackConfig.defaults(root).withDataDir(tmp).withPortBase(23000))) {
 *   given().baseUri(stack.gatewayUrl())...;
 *   stack.stopService("model-service");
 * }
 * }</pre>
 */
public final class Stack implements AutoCloseable {
  private static final List<List<Service>> START_ORDER =
      List.of(
          List.of(Service.AUTH),
          List.of(Service.AGENT, Service.MODEL, Service.SKILL, Service.VAULT, Service.PIPELINE),
          List.of(Service.GATEWAY));

  private final StackConfig config;
  private final Consumer<String> progress;
  private final Parts parts;
  private final Leftovers leftovers;
  private final Readiness readiness = new Readiness();
  private final Map<String, Duration> timings = Collections.synchronizedMap(new LinkedHashMap<>());
  private final Map<Service, Map<String, String>> laterEnvironment =
      Collections.synchronizedMap(new java.util.EnumMap<>(Service.class));
  private final Map<Service, StartupArchive.Decision> startups =
      Collections.synchronizedMap(new java.util.EnumMap<>(Service.class));
  private final Thread shutdownHook = new Thread(this::close, "switchboard-shutdown");
  private final ArchiveRecorder recorder;
  private final StartupArchive.Jvm jvm = StartupArchive.Jvm.current();
  private volatile boolean up;

  private Stack(StackConfig config, Consumer<String> progress) {
    this.config = config;
    this.progress = progress;
    this.parts = new Parts(progress);
    this.leftovers = new Leftovers(config);
    this.recorder = new ArchiveRecorder(progress);
  }

  /** {@link #start(StackConfig, Consumer)} printing progress lines to standard output. */
  public static Stack start(StackConfig config) {
    return start(config, line -> System.out.println("[switchboard] " + line));
  }

  /**
   * Starts the whole stack and blocks until every service is ready.
   *
   * @param progress told about each step (e.g. {@code "Kafka ready in 2.1 s"}) and, later, about
   *     services that exit on their own
   * @throws StackException naming the part that failed (port in use, missing jar, a service that
   *     exited, with the tail of its log); everything started so far is stopped again
   */
  public static Stack start(StackConfig config, Consumer<String> progress) {
    Stack stack = new Stack(config, progress);
    try {
      stack.startAll();
    } catch (RuntimeException e) {
      stack.parts.startupDone(); // before close(), which would otherwise wait for this thread
      stack.close();
      throw e;
    }
    stack.parts.startupDone();
    return stack;
  }

  private void startAll() {
    long begin = System.nanoTime();
    quietLibraryLogging();
    Runtime.getRuntime().addShutdownHook(shutdownHook);
    parts.add(StackLock.acquire(config.dataDir()));
    leftovers.stopAll().forEach(p -> progress.accept("stopped a leftover of an earlier run: " + p));
    Ports.checkFree(Ports.claims(config));
    for (Service service : config.services()) {
      StartupArchive.Decision startup = startup(service);
      startup.note().ifPresent(progress);
      if (startup.jar().isEmpty()) {
        ServiceProcess.checkJar(config, service);
      }
    }
    long step = System.nanoTime();
    parts.add(Postgres.start(config));
    ready("PostgreSQL", step);
    step = System.nanoTime();
    parts.add(KafkaBroker.start(config, leftovers, parts::stopped));
    ready("Kafka", step);
    for (List<Service> group : START_ORDER) {
      List<ServiceProcess> started = new ArrayList<>();
      for (Service service : group) {
        if (config.services().contains(service)) {
          started.add(startService(service, false));
        }
      }
      readiness.await(config, started, parts::stopped, (s, took) -> ready(s.id(), took));
    }
    timings.put("total", Duration.ofNanos(System.nanoTime() - begin));
    up = true;
    recordArchives();
  }

  /** Has the services started to record their class-data archive write it, in the background. */
  private void recordArchives() {
    List<ArchiveRecorder.Job> jobs = new ArrayList<>();
    for (Service service : config.services()) {
      StartupArchive.Decision startup = startups.get(service);
      ServiceProcess process = parts.service(service);
      if (startup.kind() == StartupArchive.Kind.RECORD && process != null) {
        process
            .handle()
            .ifPresent(
                handle ->
                    jobs.add(
                        new ArchiveRecorder.Job(
                            service.id(), handle, startup.file().orElseThrow())));
      }
    }
    recorder.recordAll(jobs);
  }

  private ServiceProcess startService(Service service, boolean restart) {
    ServiceProcess process =
        new ServiceProcess(
            service,
            config,
            leftovers,
            startup(service),
            laterEnvironment.getOrDefault(service, Map.of()));
    return parts.start(
        process,
        restart,
        message -> {
          if (up) {
            progress.accept("WARNING: " + message);
          }
        });
  }

  /**
   * How {@code service} starts (its package, archive or cache): decided once (at start for the
   * stack's services), then kept for its restarts and {@link #commandOf}.
   */
  private StartupArchive.Decision startup(Service service) {
    return startups.computeIfAbsent(service, s -> StartupArchive.decide(config, s, jvm));
  }

  private void ready(String what, long startNanos) {
    ready(what, Duration.ofNanos(System.nanoTime() - startNanos));
  }

  private void ready(String what, Duration took) {
    timings.put(what, took);
    progress.accept(
        String.format(Locale.ROOT, "%-16s ready in %.1f s", what, took.toMillis() / 1000.0));
  }

  /** Keeps the Kafka client and zonky quiet in this JVM unless the caller configured them. */
  private static void quietLibraryLogging() {
    System.getProperties().putIfAbsent("org.slf4j.simpleLogger.log.org.apache.kafka", "error");
    System.getProperties().putIfAbsent("org.slf4j.simpleLogger.log.io.zonky", "warn");
  }

  /** The configuration this stack runs with. */
  public StackConfig config() {
    return config;
  }

  /** The gateway's base URL, e.g. {@code http://localhost:3005}. */
  public String gatewayUrl() {
    return config.gatewayUrl();
  }

  /** The base URL of a service by id ({@code model-service}) or short name ({@code model}). */
  public String url(String service) {
    return config.url(Service.byId(service));
  }

  /** Kafka's bootstrap servers, e.g. {@code 127.0.0.1:19092}. */
  public String kafkaBootstrapServers() {
    return config.kafkaBootstrapServers();
  }

  /** The log file of a service ({@code auth-service}), or of {@code kafka} or {@code postgres}. */
  public Path logFile(String name) {
    String file = name.equals("kafka") || name.equals("postgres") ? name : Service.byId(name).id();
    return config.logsDir().resolve(file + ".log");
  }

  /** How long each part took to become ready, in start order, then {@code total}. */
  public Map<String, Duration> timings() {
    synchronized (timings) {
      return Collections.unmodifiableMap(new LinkedHashMap<>(timings));
    }
  }

  /** Whether the service's process is running (ready or not). */
  public boolean isRunning(String service) {
    ServiceProcess process = parts.service(Service.byId(service));
    return process != null && process.isAlive();
  }

  /**
   * Stops one service (SIGTERM, SIGKILL after 15 s), e.g. to see the gateway report DEGRADED, and
   * waits until it has exited.
   *
   * @return its exit code (143 or 0 after a graceful stop, 137 when it had to be killed), or -1
   *     when it was not started
   */
  public int stopService(String service) {
    ServiceProcess process = parts.service(Service.byId(service));
    return process == null ? -1 : process.stop();
  }

  /**
   * Kills one service with SIGKILL ({@code kill -9}: no graceful shutdown, work in flight is cut
   * off), as a crash would; {@link #startService} brings it back.
   */
  public void killService(String service) {
    ServiceProcess process = parts.service(Service.byId(service));
    if (process != null) {
      process.kill();
      progress.accept("killed " + process.service().id() + " (SIGKILL)");
    }
  }

  /** {@link #killService} then {@link #startService}: a crash and a restart, ready again. */
  public void restartService(String service) {
    killService(service);
    startService(service);
  }

  /** Starts a service again (after {@link #stopService}) and waits until it is ready. */
  public void startService(String service) {
    Service which = Service.byId(service);
    if (!config.services().contains(which)) {
      throw new IllegalArgumentException(which.id() + " is not part of this stack");
    }
    if (!isRunning(service)) {
      ServiceProcess process = startService(which, true);
      readiness.await(config, List.of(process), parts::stopped, (s, took) -> ready(s.id(), took));
    }
  }

  /**
   * Starts a service again (after {@link #stopService} or {@link #killService}) with {@code
   * environment} added to what it ran with (e.g. a new vault master key), kept for its later
   * restarts too, and waits until it is ready.
   */
  public void startService(String service, Map<String, String> environment) {
    Service which = Service.byId(service);
    Map<String, String> merged =
        new LinkedHashMap<>(laterEnvironment.getOrDefault(which, Map.of()));
    merged.putAll(environment);
    laterEnvironment.put(which, merged);
    startService(service);
  }

  /**
   * The environment the launcher starts {@code service} with (database, Kafka, auth-service,
   * peers), e.g. to run another replica of it by hand.
   */
  public Map<String, String> environmentOf(String service) {
    return new java.util.LinkedHashMap<>(ServiceProcess.environment(config, Service.byId(service)));
  }

  /** The runnable jar of {@code service}. */
  public java.nio.file.Path jarOf(String service) {
    return ServiceProcess.jar(config, Service.byId(service));
  }

  /**
   * The command line the launcher runs {@code service} with ({@code java}, its JVM options, {@code
   * -jar} and its jar), e.g. to run another replica of it with {@link #environmentOf}.
   *
   * @throws StackException when the jar is missing
   */
  public List<String> commandOf(String service) {
    Service which = Service.byId(service);
    return ServiceProcess.command(config, which, startup(which));
  }

  /**
   * Stops PostgreSQL while the services keep running (an outage, for tests); {@link #startPostgres}
   * brings it back on the same port and data.
   */
  public void stopPostgres() {
    parts.stopPostgres();
  }

  /** Starts PostgreSQL again after {@link #stopPostgres}; the services reconnect by themselves. */
  public void startPostgres() {
    if (!parts.hasPostgres()) {
      long step = System.nanoTime();
      parts.add(Postgres.start(config));
      ready("PostgreSQL", step);
    }
  }

  /** Stops the Kafka broker while the services keep running (an outage, for tests). */
  public void stopKafka() {
    parts.stopKafka();
  }

  /**
   * Kills the Kafka broker with SIGKILL (a crash: no controlled shutdown); see {@link #startKafka}.
   */
  public void killKafka() {
    parts.killKafka();
    progress.accept("killed kafka (SIGKILL)");
  }

  /** Starts the broker again after {@link #stopKafka} or {@link #killKafka}, same port and data. */
  public void startKafka() {
    if (!parts.hasKafka()) {
      long step = System.nanoTime();
      parts.add(KafkaBroker.start(config, leftovers, parts::stopped));
      ready("Kafka", step);
    }
  }

  /** Stops the services (gateway first), then Kafka, then PostgreSQL. Idempotent. */
  @Override
  public void close() {
    up = false;
    recorder.close();
    parts.stopAll();
    if (Thread.currentThread() != shutdownHook) {
      try {
        Runtime.getRuntime().removeShutdownHook(shutdownHook);
      } catch (IllegalStateException | IllegalArgumentException e) {
        // the JVM is already shutting down, or the hook was never added
      }
    }
  }
}
