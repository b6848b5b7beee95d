package io.switchboard.pipeline.template;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.switchboard.pipeline.support.Api;
import io.switchboard.pipeline.support.StubServices;
import io.switchboard.testing.SwitchboardTestResource;
import io.switchboard.testing.TestTokens;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(SwitchboardTestResource.class)
@WithTestResource(StubServices.class)
class TemplateResourceTest {

  static final String VALID =
      """
      {"name":"Release notes","description":"draft, approve, publish","stages":[
        {"name":"draft","type":"agent","config":{"prompt":"Summarise {{input.topic}}","skills":["s1"]},"maxRetries":2},
        {"name":"gate","type":"approval","config":{"question":"Publish {{stages.draft.output}}?"}},
        {"name":"publish","type":"tool","config":{"skillId":"blog","tool":"post","arguments":{"text":"{{stages.draft.output}}"}}},
        {"name":"tell","type":"notify","config":{"title":"Done","body":"{{stages.publish.output}}"}}]}
      """;

  private final UUID user = UUID.randomUUID();
  private final Api api = new Api(user);

  @BeforeAll
  static void logFailures() {
    RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
  }

  private ValidatableResponse post(String body) {
    return given()
        .auth()
        .oauth2(api.token())
        .contentType(ContentType.JSON)
        .body(body)
        .post("/api/pipelines/templates")
        .then();
  }

  private static String stages(String stages) {
    return "{\"name\":\"t\",\"stages\":[" + stages + "]}";
  }

  private void assertInvalid(String body, String field, String message) {
    post(body)
        .statusCode(422)
        .contentType("application/problem+json")
        .body("code", equalTo("invalid_template"))
        .body("errors.field", hasItem(field))
        .body("errors.message", hasItem(containsString(message)));
  }

  @Test
  void shouldCreateATemplateWithDefaultsFilledIn() {
    post(VALID)
        .statusCode(201)
        .header("Location", containsString("/api/pipelines/templates/"))
        .body("name", equalTo("Release notes"))
        .body("stages.name", contains("draft", "gate", "publish", "tell"))
        .body("stages[0].maxRetries", equalTo(2))
        .body("stages[0].timeoutSeconds", equalTo(600))
        .body("stages[1].timeoutSeconds", equalTo(900))
        .body("stages[1].maxRetries", equalTo(0))
        .body("stages[2].config.arguments.text", equalTo("{{stages.draft.output}}"));
  }

  @Test
  void shouldListReplaceAndDeleteOnlyTheCallersTemplates() {
    UUID id = api.createTemplate(VALID);
    new Api(UUID.randomUUID()).createTemplate(VALID);
    given()
        .auth()
        .oauth2(api.token())
        .get("/api/pipelines/templates")
        .then()
        .statusCode(200)
        .body("templates", hasSize(1))
        .body("total", equalTo(1))
        .body("hasMore", equalTo(false))
        .body("limit", equalTo(50));
    given()
        .auth()
        .oauth2(api.token())
        .contentType(ContentType.JSON)
        .body(stages("{\"name\":\"only\",\"type\":\"notify\",\"config\":{\"title\":\"hi\"}}"))
        .put("/api/pipelines/templates/" + id)
        .then()
        .statusCode(200)
        .body("stages.name", contains("only"))
        .body("name", equalTo("t"));
    given()
        .auth()
        .oauth2(api.token())
        .delete("/api/pipelines/templates/" + id)
        .then()
        .statusCode(204);
    given()
        .auth()
        .oauth2(api.token())
        .get("/api/pipelines/templates")
        .then()
        .statusCode(200)
        .body("templates", hasSize(0));
  }

  @Test
  void shouldAnswer404ForAnotherUsersTemplate() {
    UUID theirs = new Api(UUID.randomUUID()).createTemplate(VALID);
    given()
        .auth()
        .oauth2(api.token())
        .contentType(ContentType.JSON)
        .body(VALID)
        .put("/api/pipelines/templates/" + theirs)
        .then()
        .statusCode(404)
        .body("code", equalTo("not_found"));
    given()
        .auth()
        .oauth2(api.token())
        .delete("/api/pipelines/templates/" + theirs)
        .then()
        .statusCode(404)
        .body("code", equalTo("not_found"));
  }

  @Test
  void shouldRefuseAnUnknownStageType() {
    assertInvalid(
        stages("{\"name\":\"a\",\"type\":\"webhook\",\"config\":{}}"), "stages[0].type", "one of");
  }

  @Test
  void shouldRefuseAReferenceToAStageThatDoesNotExist() {
    assertInvalid(
        stages(
            "{\"name\":\"a\",\"type\":\"agent\",\"config\":{\"prompt\":\"{{stages.ghost.output}}\"}}"),
        "stages[0].config.prompt",
        "does not exist");
  }

  @Test
  void shouldRefuseAForwardReferenceThatWouldMakeACycle() {
    assertInvalid(
        stages(
            "{\"name\":\"a\",\"type\":\"agent\",\"config\":{\"prompt\":\"{{stages.b.output}}\"}},"
                + "{\"name\":\"b\",\"type\":\"agent\",\"config\":{\"prompt\":\"{{stages.a.output}}\"}}"),
        "stages[0].config.prompt",
        "runs later");
  }

  @Test
  void shouldRefuseAStageReferringToItself() {
    assertInvalid(
        stages(
            "{\"name\":\"a\",\"type\":\"approval\",\"config\":{\"question\":\"{{stages.a.output}}\"}}"),
        "stages[0].config.question",
        "its own stage");
  }

  @Test
  void shouldRefuseDuplicateStageNames() {
    assertInvalid(
        stages(
            "{\"name\":\"a\",\"type\":\"notify\",\"config\":{\"title\":\"x\"}},"
                + "{\"name\":\"a\",\"type\":\"notify\",\"config\":{\"title\":\"y\"}}"),
        "stages[1].name",
        "duplicates");
  }

  @Test
  void shouldRefuseAReferenceInsideToolArgumentsToALaterStage() {
    assertInvalid(
        stages(
            "{\"name\":\"t\",\"type\":\"tool\",\"config\":{\"skillId\":\"s\",\"tool\":\"x\","
                + "\"arguments\":{\"deep\":[\"{{stages.n.output}}\"]}}},"
                + "{\"name\":\"n\",\"type\":\"notify\",\"config\":{\"title\":\"y\"}}"),
        "stages[0].config.arguments",
        "runs later");
  }

  @Test
  void shouldRefuseAnExpressionThatIsNoReference() {
    assertInvalid(
        stages("{\"name\":\"a\",\"type\":\"notify\",\"config\":{\"title\":\"{{secrets.x}}\"}}"),
        "stages[0].config.title",
        "references must be");
  }

  @Test
  void shouldRefuseAMissingRequiredConfigFieldPerType() {
    assertInvalid(
        stages("{\"name\":\"a\",\"type\":\"agent\",\"config\":{}}"),
        "stages[0].config.prompt",
        "required");
    assertInvalid(
        stages("{\"name\":\"a\",\"type\":\"tool\",\"config\":{\"skillId\":\"s\"}}"),
        "stages[0].config.tool",
        "required");
    assertInvalid(
        stages("{\"name\":\"a\",\"type\":\"approval\",\"config\":{\"question\":\" \"}}"),
        "stages[0].config.question",
        "non-blank");
  }

  @Test
  void shouldRefuseAnUnknownConfigField() {
    assertInvalid(
        stages(
            "{\"name\":\"a\",\"type\":\"notify\",\"config\":{\"title\":\"x\",\"colour\":\"red\"}}"),
        "stages[0].config.colour",
        "not a field");
  }

  @Test
  void shouldRefuseToolArgumentsThatAreNoObject() {
    assertInvalid(
        stages(
            "{\"name\":\"a\",\"type\":\"tool\",\"config\":{\"skillId\":\"s\",\"tool\":\"x\",\"arguments\":[1]}}"),
        "stages[0].config.arguments",
        "object");
  }

  @Test
  void shouldRefuseABadStageNameWith400() {
    post(stages("{\"name\":\"Bad Name\",\"type\":\"notify\",\"config\":{\"title\":\"x\"}}"))
        .statusCode(400)
        .body("code", equalTo("validation_failed"))
        .body("errors.field", hasItem(containsString("name")));
  }

  @Test
  void shouldRefuseMaxRetriesAbove5With400() {
    post(stages(
            "{\"name\":\"a\",\"type\":\"notify\",\"config\":{\"title\":\"x\"},\"maxRetries\":6}"))
        .statusCode(400)
        .body("code", equalTo("validation_failed"))
        .body("errors.field", hasItem(containsString("maxRetries")));
  }

  @Test
  void shouldRefuseATemplateWithoutStages() {
    post("{\"name\":\"t\",\"stages\":[]}")
        .statusCode(400)
        .body("code", equalTo("validation_failed"));
  }

  @Test
  void shouldRefuseMalformedJson() {
    post("{\"name\":").statusCode(400);
  }

  @Test
  void shouldRefuseALimitAbove200() {
    given()
        .auth()
        .oauth2(api.token())
        .get("/api/pipelines/templates?limit=201")
        .then()
        .statusCode(400)
        .body("code", equalTo("validation_failed"))
        .body("errors.field", hasItem(containsString("limit")));
  }

  @Test
  void shouldRequireAUserToken() {
    given().get("/api/pipelines/templates").then().statusCode(401);
    given()
        .auth()
        .oauth2(TestTokens.service("agent-service"))
        .get("/api/pipelines/templates")
        .then()
        .statusCode(403);
  }
}
