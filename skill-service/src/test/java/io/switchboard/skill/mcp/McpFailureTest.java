package io.switchboard.skill.mcp;

import static io.restassured.RestAssured.given;
import static io.switchboard.skill.support.Calls.execute;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.switchboard.skill.support.Calls;
import io.switchboard.skill.support.Mcp;
import io.switchboard.testing.SwitchboardTestResource;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A misbehaving MCP server: hangs, dies mid-call, answers 10 MB, changes its tools. */
@QuarkusTest
@WithTestResource(SwitchboardTestResource.class)
class McpFailureTest {

  private static final String SKILL = "flaky";

  /** Ours ({@link IsolatedStdioTransport}) plus the SDK's defaults for stdio servers. */
  private static final List<String> PASSED =
      List.of("PATH", "HOME", "LANG", "TMPDIR", "TZ", "SHELL", "TERM", "USER", "LOGNAME");

  private final UUID user = UUID.randomUUID();

  @BeforeAll
  static void logFailures() {
    RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
  }

  @BeforeEach
  void allow() {
    if (Mcp.status(SKILL) == null) {
      Mcp.registerStdio(SKILL, Mcp.TEST_SERVER, List.of(), Map.of("FLAKY_MODE", "test"));
    }
    Mcp.awaitStatus(SKILL, "connected"::equals);
    Calls.override(user, SKILL, "*", "allow").statusCode(200);
    Mcp.awaitStatus(SKILL, "connected"::equals);
  }

  @Test
  void shouldAnswer504WhenTheServerHangsAndStayHealthy() {
    execute(user, SKILL, "hang", Map.of()).statusCode(504).body("code", equalTo("tool_timeout"));
    given().get("/health/live").then().statusCode(200);
    execute(user, SKILL, "echo", Map.of("message", "still here"))
        .statusCode(200)
        .body("result.content[0].text", equalTo("Echo: still here"));
  }

  @Test
  void shouldAnswer502WhenTheServerDiesMidCallAndReconnect() {
    execute(user, SKILL, "die", Map.of())
        .statusCode(502)
        .body("code", equalTo("tool_failed"))
        .body("detail", containsString("stopped during the call"));
    Mcp.awaitStatus(SKILL, "connected"::equals);
    execute(user, SKILL, "echo", Map.of("message", "back"))
        .statusCode(200)
        .body("result.content[0].text", equalTo("Echo: back"));
  }

  @Test
  void shouldRefuseATenMegabyteResult() {
    execute(user, SKILL, "big", Map.of())
        .statusCode(502)
        .body("code", equalTo("tool_result_too_large"));
    execute(user, SKILL, "echo", Map.of("message", "after")).statusCode(200);
  }

  @Test
  void shouldRefreshToolsOnListChanged() {
    execute(user, SKILL, "grow", Map.of()).statusCode(200);
    Mcp.await(() -> Mcp.tools(SKILL).contains("extra"), "the new tool");
  }

  @Test
  void shouldNotPassSkillServicesEnvironmentToTheServer() {
    String names =
        execute(user, SKILL, "env", Map.of())
            .statusCode(200)
            .extract()
            .path("result.content[0].text");
    assertThat(names).contains("FLAKY_MODE");
    for (String name : System.getenv().keySet()) {
      if (!PASSED.contains(name)) {
        assertThat(names).doesNotContain("\"" + name + "\"");
      }
    }
  }

  @Test
  void shouldAnswer503WhileDisconnectedAnd409WhenDisabled() {
    given()
        .auth()
        .oauth2(Mcp.ADMIN)
        .post("/api/skills/" + SKILL + "/disable")
        .then()
        .statusCode(200)
        .body("status", equalTo("disabled"))
        .body("enabled", equalTo(false));
    execute(user, SKILL, "echo", Map.of("message", "x"))
        .statusCode(409)
        .body("code", equalTo("skill_disabled"));
    given()
        .auth()
        .oauth2(Mcp.ADMIN)
        .post("/api/skills/" + SKILL + "/enable")
        .then()
        .statusCode(200);
    Mcp.awaitStatus(SKILL, "connected"::equals);
  }
}
