package io.switchboard.skill.mcp;

import static io.restassured.RestAssured.given;
import static io.switchboard.skill.support.Calls.execute;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.switchboard.skill.support.Calls;
import io.switchboard.skill.support.Mcp;
import io.switchboard.skill.support.VaultStub;
import io.switchboard.testing.FreePorts;
import io.switchboard.testing.SwitchboardTestResource;
import io.switchboard.testing.TestTokens;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The real {@code @modelcontextprotocol/server-everything} from npm, over stdio and HTTP. */
@QuarkusTest
@WithTestResource(SwitchboardTestResource.class)
class McpEverythingTest {

  private static final String SKILL = "everything";
  private final UUID user = UUID.randomUUID();

  @BeforeAll
  static void logFailures() {
    RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
  }

  @BeforeEach
  void allow() {
    if (Mcp.status(SKILL) == null) {
      Mcp.registerStdio(SKILL, Mcp.EVERYTHING, List.of("stdio"), Map.of());
    }
    Mcp.awaitStatus(SKILL, "connected"::equals);
    Calls.override(user, SKILL, "*", "allow").statusCode(200);
  }

  @Test
  void shouldListTheServersTools() {
    given()
        .auth()
        .oauth2(TestTokens.user(user))
        .get("/api/skills/" + SKILL)
        .then()
        .statusCode(200)
        .body("source", equalTo("mcp"))
        .body("status", equalTo("connected"))
        .body("tools.name", hasItems("echo", "get-sum"))
        .body("defaultPermissions.echo", equalTo("ask"));
    given()
        .auth()
        .oauth2(TestTokens.user(user))
        .get("/api/skills/tools/all")
        .then()
        .body("tools.name", hasItems("everything__echo", "time__now"))
        .body("tools.find { it.name == 'everything__echo' }.source", equalTo("mcp"));
  }

  @Test
  void shouldCallEchoAndAdd() {
    execute(user, SKILL, "echo", Map.of("message", "hello bridge"))
        .statusCode(200)
        .body("isError", equalTo(false))
        .body("result.content[0].text", equalTo("Echo: hello bridge"));
    String sum =
        execute(user, SKILL, "get-sum", Map.of("a", 2, "b", 3))
            .statusCode(200)
            .extract()
            .path("result.content[0].text");
    assertThat(sum).contains("5");
  }

  @Test
  void shouldValidateAgainstTheServersSchema() {
    execute(user, SKILL, "echo", Map.of())
        .statusCode(400)
        .body("code", equalTo("validation_failed"))
        .body("errors.field", hasItem("arguments.message"));
    execute(user, SKILL, "get-sum", Map.of("a", "two", "b", 3))
        .statusCode(400)
        .body("errors.field", hasItem("arguments.a"));
  }

  @Test
  void shouldAnswer404ForAToolTheServerDoesNotHave() {
    execute(user, SKILL, "no-such-tool", Map.of())
        .statusCode(404)
        .body("code", equalTo("not_found"));
  }

  @Test
  void shouldPassASecretToTheServerButNeverEchoIt() {
    String secret = "mcp-secret-" + UUID.randomUUID();
    VaultStub.put(user, "MCP_KEY", secret);
    String body =
        execute(user, SKILL, "echo", Map.of("message", "key={{secret:MCP_KEY}}"))
            .statusCode(200)
            .body("result.content[0].text", equalTo("Echo: key=[secret:MCP_KEY]"))
            .extract()
            .asString();
    assertThat(body).doesNotContain(secret);
  }

  @Test
  void shouldTalkStreamableHttpToo() throws Exception {
    int port = FreePorts.freePort();
    ProcessBuilder builder =
        new ProcessBuilder("node", Mcp.EVERYTHING.toString(), "streamableHttp")
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD);
    builder.environment().put("PORT", Integer.toString(port));
    Process server = builder.start();
    try {
      String url = "http://127.0.0.1:" + port + "/mcp";
      Mcp.await(() -> reachable(url), "server-everything over HTTP");
      Mcp.register(Map.of("name", "everything-http", "transport", "http", "url", url))
          .statusCode(201);
      Mcp.awaitStatus("everything-http", "connected"::equals);
      Calls.override(user, "everything-http", "echo", "allow");
      execute(user, "everything-http", "echo", Map.of("message", "over http"))
          .statusCode(200)
          .body("result.content[0].text", equalTo("Echo: over http"));
    } finally {
      server.destroy();
    }
  }

  private static boolean reachable(String url) {
    try {
      java.net.HttpURLConnection c =
          (java.net.HttpURLConnection) java.net.URI.create(url).toURL().openConnection();
      c.setConnectTimeout(500);
      c.getResponseCode();
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
