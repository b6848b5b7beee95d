package io.switchboard.skill.support;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.switchboard.testing.TestTokens;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.Assumptions;

/** Registers MCP servers in tests and waits for their connections. */
public final class Mcp {

  public static final String ADMIN = TestTokens.admin(UUID.randomUUID());
  public static final Path EVERYTHING =
      Path.of("target/mcp/node_modules/@modelcontextprotocol/server-everything/dist/index.js")
          .toAbsolutePath();
  public static final Path TEST_SERVER = Path.of("src/test/mcp/test-server.mjs").toAbsolutePath();

  private Mcp() {}

  public static ValidatableResponse register(Map<String, Object> body) {
    return given()
        .auth()
        .oauth2(ADMIN)
        .contentType(ContentType.JSON)
        .body(body)
        .post("/api/skills")
        .then();
  }

  public static void registerStdio(
      String name, Path script, List<String> extraArgs, Map<String, String> env) {
    Assumptions.assumeTrue(
        Files.exists(script) && nodeRuns(), "node or " + script + " missing (needs npm)");
    List<String> args = new java.util.ArrayList<>(List.of(script.toString()));
    args.addAll(extraArgs);
    register(
            Map.of("name", name, "transport", "stdio", "command", "node", "args", args, "env", env))
        .statusCode(201);
  }

  /** The skill's connection status, or {@code null} when it is not registered. */
  public static String status(String skill) {
    var response = given().auth().oauth2(ADMIN).get("/api/skills/" + skill);
    if (response.statusCode() == 404) {
      return null;
    }
    if (response.statusCode() != 200) {
      throw new AssertionError(response.statusCode() + " " + response.asString());
    }
    return response.then().extract().path("status");
  }

  public static List<String> tools(String skill) {
    return given()
        .auth()
        .oauth2(ADMIN)
        .get("/api/skills/" + skill)
        .then()
        .extract()
        .path("tools.name");
  }

  private static boolean nodeRuns() {
    try {
      return new ProcessBuilder("node", "--version").start().waitFor() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** Polls (bounded, 45 s) until the skill's status satisfies the condition. */
  public static void awaitStatus(String skill, Predicate<String> condition) {
    await(() -> condition.test(status(skill)), "status of " + skill);
  }

  public static void await(java.util.function.BooleanSupplier condition, String what) {
    long deadline = System.nanoTime() + 45_000_000_000L;
    while (System.nanoTime() < deadline) {
      if (condition.getAsBoolean()) {
        return;
      }
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    throw new AssertionError("Timed out waiting for " + what);
  }
}
