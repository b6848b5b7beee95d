package io.switchboard.gateway.openapi;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.switchboard.gateway.support.UpstreamsUp;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@QuarkusTest
@TestProfile(UpstreamsUp.class)
class MergedOpenApiTest {

  @BeforeAll
  static void logFailures() {
    RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
  }

  @Test
  void shouldMergePathsOfEveryService() {
    given()
        .when()
        .get("/openapi")
        .then()
        .statusCode(200)
        .contentType(ContentType.JSON)
        .body("openapi", equalTo("3.1.0"))
        .body("info.title", equalTo("Switchboard API"))
        .body("servers[0].url", equalTo("/"))
        .body(
            "paths.keySet()",
            hasItems(
                "/api/auth/login",
                "/api/agents",
                "/api/models",
                "/api/skills",
                "/api/vault",
                "/api/pipelines"));
  }

  @Test
  void shouldDropInternalAndHealthPaths() {
    given()
        .when()
        .get("/openapi")
        .then()
        .statusCode(200)
        .body("paths.keySet()", not(hasItem("/internal/agent-service/secret")))
        .body("paths.keySet()", not(hasItem("/internal/auth-service/secret")))
        .body("paths.keySet()", not(hasItem("/health/ready")));
  }

  @Test
  void shouldMergeSchemasSecuritySchemesAndTags() {
    given()
        .when()
        .get("/openapi")
        .then()
        .statusCode(200)
        .body(
            "components.schemas.keySet()",
            hasItems("AuthServiceDto", "AgentServiceDto", "PipelineServiceDto", "Problem"))
        .body("components.securitySchemes.SecurityScheme.scheme", equalTo("bearer"))
        .body("tags.name", hasItems("AgentServiceDto", "Shared"))
        .body("paths.'/api/agents'.get.summary", equalTo("List of agent-service"));
  }

  @Test
  void shouldListNoMissingServiceWhenAllAnswer() {
    given().when().get("/openapi").then().statusCode(200).body("x-switchboard-missing", empty());
  }

  @Test
  void shouldServeSwaggerUi() {
    given()
        .when()
        .get("/swagger")
        .then()
        .statusCode(200)
        .contentType(ContentType.HTML)
        .body(containsString("swagger-ui"))
        .body(containsString("/openapi"));
  }
}
