package io.switchboard.defaults;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.switchboard.testing.SwitchboardTestResource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(
    value = SwitchboardTestResource.class,
    initArgs = @ResourceArg(name = "postgres", value = "false"))
class ProblemMappingTest {

  private static final String VALID = "{\"name\":\"alpha\",\"email\":\"a@b.io\",\"rank\":3}";

  @BeforeAll
  static void logFailures() {
    RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
  }

  @Test
  void shouldAcceptAValidBody() {
    given()
        .contentType("application/json")
        .body(VALID)
        .post("/probe/items")
        .then()
        .statusCode(200)
        .body("name", equalTo("alpha"));
  }

  @Test
  void shouldListEveryInvalidFieldOnce() {
    given()
        .contentType("application/json")
        .body("{\"name\":\"\",\"email\":\"nope\",\"rank\":9,\"tags\":[\"ok\",\"\"]}")
        .post("/probe/items")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("code", equalTo("validation_failed"))
        .body("errors.field", contains("email", "name", "rank", "tags[1]"))
        .body(
            "errors.find { it.field == 'rank' }.message",
            equalTo("must be less than or equal to 5"));
  }

  @Test
  void shouldRejectAMissingBodyAsInvalid() {
    given()
        .contentType("application/json")
        .post("/probe/items")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("code", equalTo("validation_failed"));
  }

  @Test
  void shouldRejectMalformedJson() {
    given()
        .contentType("application/json")
        .body("{\"name\": \"alpha\", ")
        .post("/probe/items")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("code", equalTo("malformed_request"))
        .body("detail", not(containsString("Unexpected")));
  }

  @Test
  void shouldNameAFieldOfTheWrongType() {
    given()
        .contentType("application/json")
        .body("{\"name\":\"alpha\",\"email\":\"a@b.io\",\"rank\":\"three\"}")
        .post("/probe/items")
        .then()
        .statusCode(400)
        .body("code", equalTo("validation_failed"))
        .body("errors[0].field", equalTo("rank"));
  }

  @Test
  void shouldRejectAnUnsupportedMediaType() {
    given()
        .contentType("text/plain")
        .body(VALID)
        .post("/probe/items")
        .then()
        .statusCode(415)
        .contentType("application/problem+json")
        .body("code", equalTo("unsupported_media_type"));
  }

  @Test
  void shouldRejectAWrongMethod() {
    given()
        .delete("/probe/items")
        .then()
        .statusCode(405)
        .contentType("application/problem+json")
        .body("code", equalTo("method_not_allowed"));
  }

  @Test
  void shouldAnswerAnUnexpectedErrorWithOnlyACorrelationId() {
    given()
        .header("X-Request-Id", "boom-1")
        .get("/probe/boom")
        .then()
        .statusCode(500)
        .contentType("application/problem+json")
        .body("code", equalTo("internal_error"))
        .body("requestId", equalTo("boom-1"))
        .body(not(containsString("postgres")))
        .body(not(containsString("IllegalStateException")))
        .body(not(containsString("at io.")));
  }

  @Test
  void shouldAnswer400WhenTheDatabaseCannotStoreAText() {
    given()
        .get("/probe/nul-text")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("code", equalTo("malformed_request"))
        .body(not(containsString("0x00")))
        .body(not(containsString("SQLException")));
  }

  @Test
  void shouldAnswer503WhenTheDatabaseIsUnreachable() {
    for (String path : new String[] {"/probe/database-down", "/probe/pool-exhausted"}) {
      given()
          .get(path)
          .then()
          .statusCode(503)
          .contentType("application/problem+json")
          .header("Retry-After", "5")
          .body("code", equalTo("service_unavailable"))
          .body(not(containsString("db.internal")))
          .body(not(containsString("hunter2")))
          .body(not(containsString("SQLException")));
    }
  }

  @Test
  void shouldPassAServiceProblemThrough() {
    given()
        .get("/probe/conflict")
        .then()
        .statusCode(409)
        .contentType("application/problem+json")
        .body("code", equalTo("name_taken"))
        .body("title", equalTo("Name taken"))
        .body("detail", equalTo("The name alpha is taken"))
        .body("instance", equalTo("/probe/conflict"))
        .body("errors", nullValue());
  }

  @Test
  void shouldAnswerAnUnknownSubPathWithAProblem() {
    given()
        .get("/probe/nothing-here")
        .then()
        .statusCode(404)
        .contentType("application/problem+json")
        .body("code", equalTo("not_found"))
        .body("requestId", notNullValue());
  }

  @Test
  void shouldAnswerABodyOverTheLimitWithAProblem() {
    String big = "{\"name\":\"" + "x".repeat(1_100_000) + "\"}";
    given()
        .contentType("application/json")
        .body(big)
        .post("/probe/items")
        .then()
        .statusCode(413)
        .contentType("application/problem+json")
        .body("code", equalTo("payload_too_large"));
  }
}
