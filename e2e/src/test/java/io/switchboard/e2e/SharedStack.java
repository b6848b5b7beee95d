package io.switchboard.e2e;

import static io.restassured.RestAssured.given;

import io.restassured.RestAssured;
import io.switchboard.launcher.Service;
import io.switchboard.launcher.Stack;
import io.switchboard.launcher.StackConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The one real stack every black-box test class of this JVM shares: started on first use from an
 * empty data directory, stopped when the JVM exits (the launcher's own shutdown hook). Test classes
 * that stop a part must start it again.
 */
final class SharedStack {

  /** One cheap read per service that needs a user's token (auth-service's needs an account). */
  static final Map<String, String> USER_READS = userReads();

  /** How long every service keeps serving, not ready, after SIGTERM. */
  static final String SHUTDOWN_DELAY = "2S";

  private static Stack stack;
  private static StackTokens tokens;
  private static Exception failed;

  private SharedStack() {}

  static synchronized Stack get() throws Exception {
    if (failed != null) {
      throw new IllegalStateException("the stack did not start (see the first failure)", failed);
    }
    if (stack == null) {
      Path root = Path.of(System.getProperty("switchboard.repo.root", "..")).toAbsolutePath();
      Path dataDir = Path.of(System.getProperty("switchboard.e2e.data-dir", "target/e2e-data"));
      deleteRecursively(dataDir); // every run starts from an empty platform
      int base =
          Integer.parseInt(System.getenv().getOrDefault("SWITCHBOARD_E2E_PORT_BASE", "23000"));
      StackConfig config =
          StackConfig.builtIn(root)
              .withDataDir(dataDir)
              .withPortBase(base)
              // On a loaded 2-core machine (CI, several stacks) a service may take over 100 s.
              .withReadyTimeout(
                  java.time.Duration.ofSeconds(
                      Long.parseLong(
                          System.getenv().getOrDefault("SWITCHBOARD_E2E_READY_SECONDS", "300"))))
              // Fault tests (FaultsIT) kill services mid-work: a dead replica's leases lapse
              // after 15 s instead of 60 s, an interrupted webhook delivery is run again after 20
              // s.
              .withEnvironment(Service.AGENT, "SWITCHBOARD_AGENT_LEASE_DURATION", "15S")
              .withEnvironment(Service.PIPELINE, "SWITCHBOARD_PIPELINE_LEASE", "PT15S")
              .withEnvironment(Service.SKILL, "SWITCHBOARD_HOOKS_RUNNING_STRANDED_AFTER", "20S")
              .withEnvironment(Service.SKILL, "SWITCHBOARD_HOOKS_PENDING_STRANDED_AFTER", "20S")
              // Receiver (127.0.0.2) is the only private address the http tool and webhooks may
              // reach; 127.0.0.1 and localhost stay refused for the SSRF tests.
              .withEnvironment(
                  Service.SKILL, "SWITCHBOARD_HTTP_TOOL_ALLOWED_PRIVATE_HOSTS", Receiver.HOST)
              .withEnvironment(
                  Service.SKILL, "SWITCHBOARD_HOOKS_ALLOWED_PRIVATE_HOSTS", Receiver.HOST);
      for (Service service : Service.values()) {
        // As in Kubernetes (5 s there): on SIGTERM a service turns not-ready and keeps serving for
        // this long, so a readiness-aware client stops sending before it drains (RollingRestartIT).
        config = config.withEnvironment(service, "QUARKUS_SHUTDOWN_DELAY", SHUTDOWN_DELAY);
      }
      try {
        stack = Stack.start(config, line -> System.out.println("[stack] " + line));
      } catch (Exception e) {
        failed = e; // one start per JVM: every later test fails fast instead of starting again
        throw e;
      }
      RestAssured.baseURI = stack.gatewayUrl();
      RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
      String kid = given().get("/.well-known/jwks.json").then().extract().path("keys[0].kid");
      tokens = new StackTokens(config.dataDir(), kid);
    }
    return stack;
  }

  static synchronized StackTokens tokens() throws Exception {
    get();
    return tokens;
  }

  /** Registers a fresh account through the gateway; returns its token. */
  static String register(String prefix) {
    String name = prefix + java.util.UUID.randomUUID().toString().substring(0, 8);
    return given()
        .contentType("application/json")
        .body(
            java.util.Map.of(
                "username",
                name,
                "email",
                name + "@example.test",
                "password",
                "a long enough e2e password"))
        .post("/api/auth/register")
        .then()
        .statusCode(201)
        .extract()
        .path("token");
  }

  private static Map<String, String> userReads() {
    Map<String, String> reads = new LinkedHashMap<>();
    reads.put("auth-service", "/api/auth/me");
    reads.put("agent-service", "/api/agents");
    reads.put("model-service", "/api/models");
    reads.put("skill-service", "/api/skills");
    reads.put("vault-service", "/api/vault");
    reads.put("pipeline-service", "/api/pipelines");
    return java.util.Collections.unmodifiableMap(reads);
  }

  private static void deleteRecursively(Path dir) throws IOException {
    if (Files.exists(dir)) {
      try (Stream<Path> paths = Files.walk(dir)) {
        for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(path);
        }
      }
    }
  }
}
