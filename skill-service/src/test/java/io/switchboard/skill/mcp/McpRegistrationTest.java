package io.switchboard.skill.mcp;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.switchboard.skill.support.Mcp;
import io.switchboard.testing.SwitchboardTestResource;
import io.switchboard.testing.TestTokens;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(SwitchboardTestResource.class)
class McpRegistrationTest {

  @BeforeAll
  static void logFailures() {
    RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
  }

  @Test
  void shouldRefuseNonAdmins() {
    given()
        .auth()
        .oauth2(TestTokens.user(UUID.randomUUID()))
        .contentType(ContentType.JSON)
        .body(Map.of("name", "mine", "transport", "stdio", "command", "node"))
        .post("/api/skills")
        .then()
        .statusCode(403)
        .body("code", equalTo("forbidden"));
    given()
        .auth()
        .oauth2(TestTokens.user(UUID.randomUUID()))
        .delete("/api/skills/everything")
        .then()
        .statusCode(403);
  }

  @Test
  void shouldRefuseANonHttpUrl() {
    for (String url : List.of("ftp://example.com/mcp", "file:///tmp/x", "not a url", "http://")) {
      Mcp.register(Map.of("name", "bad-url", "transport", "http", "url", url))
          .statusCode(400)
          .body("code", equalTo("validation_failed"))
          .body("errors.field", hasItem("url"));
    }
  }

  @Test
  void shouldRequireACommandForStdioAndAKnownTransport() {
    Mcp.register(Map.of("name", "no-command", "transport", "stdio"))
        .statusCode(400)
        .body("errors.field", hasItem("command"));
    Mcp.register(Map.of("name", "ws-server", "transport", "websocket", "url", "http://x"))
        .statusCode(400)
        .body("errors.field", hasItem("transport"));
  }

  @Test
  void shouldRefuseBadNamesAndTakenOnes() {
    for (String name : List.of("Has_Caps", "a__b", "-x", "", "x".repeat(41))) {
      Mcp.register(Map.of("name", name, "transport", "stdio", "command", "node"))
          .statusCode(400)
          .body("code", equalTo("validation_failed"));
    }
    Mcp.register(Map.of("name", "time", "transport", "stdio", "command", "node"))
        .statusCode(409)
        .body("code", equalTo("name_taken"));
    Mcp.register(Map.of("name", "dup-server", "transport", "stdio", "command", "/nonexistent"))
        .statusCode(201);
    Mcp.register(Map.of("name", "dup-server", "transport", "stdio", "command", "/nonexistent"))
        .statusCode(409)
        .body("code", equalTo("name_taken"));
  }

  @Test
  void shouldKeepAServerThatCannotStartAsFailedAndRemoveIt() {
    Mcp.register(Map.of("name", "broken-cmd", "transport", "stdio", "command", "/no/such/bin"))
        .statusCode(201)
        .body("source", equalTo("mcp"));
    Mcp.awaitStatus("broken-cmd", "failed"::equals);
    given().get("/health/live").then().statusCode(200);
    given().auth().oauth2(Mcp.ADMIN).delete("/api/skills/broken-cmd").then().statusCode(204);
    given().auth().oauth2(Mcp.ADMIN).get("/api/skills/broken-cmd").then().statusCode(404);
    given().auth().oauth2(Mcp.ADMIN).delete("/api/skills/broken-cmd").then().statusCode(404);
  }

  @Test
  void shouldRefuseToRemoveOrDisableABuiltIn() {
    given()
        .auth()
        .oauth2(Mcp.ADMIN)
        .delete("/api/skills/time")
        .then()
        .statusCode(409)
        .body("code", equalTo("builtin_skill"));
    given().auth().oauth2(Mcp.ADMIN).post("/api/skills/math/disable").then().statusCode(409);
  }
}
