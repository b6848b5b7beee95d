package io.switchboard.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServiceProcessTest {
  @TempDir Path root;

  private StackConfig config() throws IOException {
    return StackConfig.builtIn(root)
        .withPortBase(TestPorts.freeBase())
        .withDataDir(root.resolve("data"))
        .withReadyTimeout(Duration.ofSeconds(30));
  }

  @Test
  void environmentWiresDatabaseKafkaAndAuth() {
    StackConfig config = StackConfig.builtIn(root).withPortBase(23000);

    Map<String, String> env = ServiceProcess.environment(config, Service.AGENT);

    assertEquals("23002", env.get("QUARKUS_HTTP_PORT"));
    assertEquals("127.0.0.1:23008", env.get("KAFKA_BOOTSTRAP_SERVERS"));
    assertEquals("http://127.0.0.1:23001", env.get("SWITCHBOARD_AUTH_URL"));
    assertEquals("http://127.0.0.1:23005", env.get("SWITCHBOARD_VAULT_URL"));
    assertEquals("http://127.0.0.1:23003", env.get("SWITCHBOARD_MODEL_URL"));
    assertNull(env.get("SWITCHBOARD_AGENT_URL"), "not its own");
    assertEquals(config.dataDir().toString(), env.get("SWITCHBOARD_DATA_DIR"));
    assertEquals(
        "jdbc:postgresql://localhost:23007/switchboard_agent",
        env.get("QUARKUS_DATASOURCE_JDBC_URL"));
    assertEquals("postgres", env.get("QUARKUS_DATASOURCE_USERNAME"));
    assertEquals("postgres", env.get("QUARKUS_DATASOURCE_PASSWORD"));
    assertEquals("127.0.0.1", env.get("QUARKUS_HTTP_HOST"));
    assertNull(env.get("SWITCHBOARD_GATEWAY_SERVICES_AUTH_URL"));
  }

  @Test
  void commandRunsTheServiceJarWithItsJvmOptions() throws IOException {
    FakeServiceJar.install(root);
    StackConfig config = config();

    List<String> command =
        ServiceProcess.command(config, Service.MODEL, StartupArchive.Decision.ORDINARY);

    assertEquals(Processes.java(), command.get(0));
    assertEquals(ServiceProcess.jvmOptions(Service.MODEL), command.subList(1, 4));
    assertEquals(
        List.of("-jar", ServiceProcess.jar(config, Service.MODEL).toString()),
        command.subList(4, 6));
  }

  @Test
  void stopOfAServiceNeverStartedAnswersMinusOne() throws IOException {
    StackConfig config = config();
    ServiceProcess process = new ServiceProcess(Service.VAULT, config, new Leftovers(config));

    assertEquals(-1, process.stop());
  }

  @Test
  void servicesStartWithASmallInitialHeapAndTheirOwnCeiling() {
    assertEquals(
        List.of("-Xms64m", "-Xmx256m", "-XX:+UseSerialGC"),
        ServiceProcess.jvmOptions(Service.AUTH));
    assertEquals(
        List.of("-Xms64m", "-Xmx256m", "-XX:+UseSerialGC"),
        ServiceProcess.jvmOptions(Service.GATEWAY));
    assertEquals(
        List.of("-Xms64m", "-Xmx512m", "-XX:+UseSerialGC"),
        ServiceProcess.jvmOptions(Service.MODEL));
  }

  @Test
  void gatewayGetsEveryServiceUrlAndNoDatabase() {
    StackConfig config = StackConfig.builtIn(root);

    Map<String, String> env = ServiceProcess.environment(config, Service.GATEWAY);

    assertNull(env.get("QUARKUS_DATASOURCE_JDBC_URL"));
    assertNull(env.get("QUARKUS_HTTP_HOST"));
    assertEquals("http://127.0.0.1:8081", env.get("SWITCHBOARD_GATEWAY_SERVICES_AUTH_URL"));
    assertEquals("http://127.0.0.1:8082", env.get("SWITCHBOARD_GATEWAY_SERVICES_AGENT_URL"));
    assertEquals("http://127.0.0.1:8083", env.get("SWITCHBOARD_GATEWAY_SERVICES_MODEL_URL"));
    assertEquals("http://127.0.0.1:8084", env.get("SWITCHBOARD_GATEWAY_SERVICES_SKILL_URL"));
    assertEquals("http://127.0.0.1:8085", env.get("SWITCHBOARD_GATEWAY_SERVICES_VAULT_URL"));
    assertEquals("http://127.0.0.1:8086", env.get("SWITCHBOARD_GATEWAY_SERVICES_PIPELINE_URL"));
  }

  @Test
  void extraEnvironmentOfAServiceWinsOverTheLaunchersAndStaysWithIt() {
    StackConfig config =
        StackConfig.builtIn(root)
            .withEnvironment(Service.AGENT, "SWITCHBOARD_AGENT_LEASE_DURATION", "10S")
            .withEnvironment(Service.AGENT, "KAFKA_BOOTSTRAP_SERVERS", "elsewhere:9092")
            .withPortBase(23000)
            .withDataDir(root.resolve("other"));

    Map<String, String> agent = ServiceProcess.environment(config, Service.AGENT);
    Map<String, String> skill = ServiceProcess.environment(config, Service.SKILL);

    assertEquals("10S", agent.get("SWITCHBOARD_AGENT_LEASE_DURATION"));
    assertEquals("elsewhere:9092", agent.get("KAFKA_BOOTSTRAP_SERVERS"));
    assertEquals("23002", agent.get("QUARKUS_HTTP_PORT"));
    assertNull(skill.get("SWITCHBOARD_AGENT_LEASE_DURATION"), "only the service named");
    assertEquals("127.0.0.1:23008", skill.get("KAFKA_BOOTSTRAP_SERVERS"));
  }

  @Test
  void killedServiceDiesWithoutItsShutdownHookAndIsNoCrash() throws IOException {
    FakeServiceJar.install(root);
    StackConfig config = config();
    int port = config.port(Service.VAULT);
    List<String> crashes = new ArrayList<>();
    for (boolean kill : new boolean[] {true, false}) {
      ServiceProcess process =
          new ServiceProcess(
              Service.VAULT,
              config,
              new Leftovers(config),
              StartupArchive.Decision.ORDINARY,
              Map.of("EXTRA_SETTING", "yes"));
      process.start(!kill, crashes::add);
      new Readiness().await(config, List.of(process), () -> false, (s, t) -> {});
      assertTrue(
          Files.readString(root.resolve("env-" + port + ".txt")).contains("EXTRA_SETTING=yes"));
      if (kill) {
        process.kill();
      } else {
        process.stop();
      }

      assertFalse(process.isAlive());
      assertEquals(
          !kill,
          Files.exists(root.resolve("graceful-" + port + ".txt")),
          kill ? "SIGKILL runs no shutdown hook" : "SIGTERM runs it");
      assertFalse(Files.exists(config.dataDir().resolve("run/vault-service.pid")));
    }
    assertTrue(crashes.isEmpty(), "a requested kill is no crash: " + crashes);
  }

  @Test
  void missingJarTellsHowToBuild() {
    StackException e =
        assertThrows(
            StackException.class,
            () -> ServiceProcess.checkJar(StackConfig.builtIn(root), Service.VAULT));

    assertTrue(e.getMessage().startsWith("vault-service: "), e.getMessage());
    assertTrue(e.getMessage().contains("vault-service/target/quarkus-app/quarkus-run.jar"));
    assertTrue(e.getMessage().contains("./mvnw -DskipTests package"), e.getMessage());
  }

  @Test
  void readyServiceIsAwaitedAndStopped() throws IOException {
    FakeServiceJar.install(root);
    StackConfig config = config();
    ServiceProcess process = new ServiceProcess(Service.MODEL, config, new Leftovers(config));
    List<String> crashes = new ArrayList<>();
    process.start(false, crashes::add);
    try {
      List<Service> ready = new ArrayList<>();
      new Readiness()
          .await(config, List.of(process), () -> false, (service, took) -> ready.add(service));

      assertEquals(List.of(Service.MODEL), ready);
      String env = Files.readString(root.resolve("env-" + config.port(Service.MODEL) + ".txt"));
      assertTrue(
          env.contains("QUARKUS_DATASOURCE_JDBC_URL=" + config.jdbcUrl("switchboard_model")));
      assertTrue(Files.exists(config.dataDir().resolve("run/model-service.pid")));
    } finally {
      assertEquals(143, process.stop(), "SIGTERM, its shutdown hook ran: 128 + 15");
    }
    assertTrue(Files.exists(root.resolve("graceful-" + config.port(Service.MODEL) + ".txt")));
    assertFalse(process.isAlive());
    assertFalse(Files.exists(config.dataDir().resolve("run/model-service.pid")));
    assertTrue(crashes.isEmpty(), "a requested stop is no crash: " + crashes);
  }

  @Test
  void serviceThatExitsFailsWithCodeAndLogTail() throws IOException {
    FakeServiceJar.install(root);
    Files.writeString(root.resolve("fail"), "");
    StackConfig config = config();
    ServiceProcess process = new ServiceProcess(Service.AUTH, config, new Leftovers(config));
    process.start(false, message -> {});

    StackException e =
        assertThrows(
            StackException.class,
            () -> new Readiness().await(config, List.of(process), () -> false, (s, t) -> {}));

    String message = e.getMessage();
    assertTrue(
        message.startsWith("auth-service exited with code 3 before it was ready; its log is "),
        message);
    assertTrue(message.contains("boom: cannot start"), message);
    assertTrue(message.contains("log line 40"), message);
    assertFalse(message.contains("log line 10\n"), "only the last 30 lines: " + message);
  }

  @Test
  void serviceThatNeverAnswersTimesOutNamingIt() throws IOException {
    FakeServiceJar.install(root);
    Files.writeString(root.resolve("hang"), "");
    StackConfig config = config().withReadyTimeout(Duration.ofSeconds(2));
    ServiceProcess process = new ServiceProcess(Service.SKILL, config, new Leftovers(config));
    process.start(false, message -> {});
    try {
      StackException e =
          assertThrows(
              StackException.class,
              () -> new Readiness().await(config, List.of(process), () -> false, (s, t) -> {}));

      assertTrue(
          e.getMessage()
              .startsWith(
                  "skill-service was not ready within 2 s (GET "
                      + config.url(Service.SKILL)
                      + "/health/ready; not ready: skill-service)"),
          e.getMessage());
      assertTrue(e.getMessage().contains("hanging before the HTTP server starts"), e.getMessage());
    } finally {
      process.stop();
    }
    assertFalse(process.isAlive());
  }
}
