package io.switchboard.skill.catalog;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.switchboard.testing.SwitchboardTestResource;
import io.switchboard.testing.TestTokens;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(SwitchboardTestResource.class)
class SkillCatalogTest {

  private static final String USER = TestTokens.user(UUID.randomUUID());

  @BeforeAll
  static void logFailures() {
    RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
  }

  @Test
  void shouldListTheBuiltInSkills() {
    given()
        .auth()
        .oauth2(USER)
        .get("/api/skills")
        .then()
        .statusCode(200)
        .body("skills.id", hasItems("time", "math", "http", "vault", "notify"))
        .body("skills.find { it.id == 'time' }.source", equalTo("builtin"))
        .body("skills.find { it.id == 'time' }.enabled", equalTo(true))
        .body("skills.find { it.id == 'time' }.toolCount", equalTo(2));
  }

  @Test
  void shouldShowASkillWithSchemasAndDefaultPermissions() {
    given()
        .auth()
        .oauth2(USER)
        .get("/api/skills/http")
        .then()
        .statusCode(200)
        .body("tools[0].name", equalTo("fetch"))
        .body("tools[0].inputSchema.required", hasItem("url"))
        .body("tools[0].defaultPermission", equalTo("ask"))
        .body("defaultPermissions.fetch", equalTo("ask"));
    given()
        .auth()
        .oauth2(USER)
        .get("/api/skills/math")
        .then()
        .statusCode(200)
        .body("defaultPermissions.evaluate", equalTo("allow"));
  }

  @Test
  void shouldCombineAllToolsUnderUnambiguousNames() {
    given()
        .auth()
        .oauth2(USER)
        .get("/api/skills/tools/all")
        .then()
        .statusCode(200)
        .body(
            "tools.name",
            hasItems(
                "time__now",
                "time__convert",
                "math__evaluate",
                "http__fetch",
                "vault__list",
                "notify__send"))
        .body("tools.find { it.name == 'time__now' }.skillId", equalTo("time"))
        .body("tools.find { it.name == 'time__now' }.tool", equalTo("now"))
        .body("tools.find { it.name == 'time__now' }.source", equalTo("builtin"))
        .body("tools.find { it.name == 'time__now' }.inputSchema.type", equalTo("object"));
  }

  @Test
  void shouldAnswer404ForAnUnknownSkill() {
    given()
        .auth()
        .oauth2(USER)
        .get("/api/skills/nope")
        .then()
        .statusCode(404)
        .body("code", equalTo("not_found"));
  }

  @Test
  void shouldRequireAToken() {
    given().get("/api/skills").then().statusCode(401);
    given().get("/api/skills/tools/all").then().statusCode(401);
    given()
        .auth()
        .oauth2(TestTokens.service("agent-service"))
        .get("/api/skills")
        .then()
        .statusCode(403)
        .body("code", not(equalTo("")));
  }
}
