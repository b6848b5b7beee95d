package io.switchboard.e2e;

import static io.restassured.RestAssured.given;

import io.restassured.RestAssured;
import io.switchboard.launcher.Stack;
import io.switchboard.launcher.StackConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The one real stack every black-box test class of this JVM shares: started on first use from an
 * empty data directory, stopped when the JVM exits (the launcher's own shutdown hook). Test classes
 * that stop a part must start it again.
 */
final class SharedStack {

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
      // A busy machine (parallel builds) can take minutes to start seven JVMs.
      java.time.Duration ready =
          java.time.Duration.ofSeconds(
              Long.parseLong(System.getenv().getOrDefault("SWITCHBOARD_E2E_READY_SECONDS", "240")));
      StackConfig config =
          StackConfig.builtIn(root).withDataDir(dataDir).withPortBase(base).withReadyTimeout(ready);
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
