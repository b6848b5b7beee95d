package io.switchboard.pipeline.support;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.switchboard.testing.TestTokens;
import java.util.Map;
import java.util.UUID;

/** The calls tests make over and over, as a user. */
public final class Api {

  private final String token;

  public Api(UUID user) {
    this.token = TestTokens.user(user);
  }

  public String token() {
    return token;
  }

  public UUID createTemplate(String json) {
    return UUID.fromString(
        given()
            .auth()
            .oauth2(token)
            .contentType(ContentType.JSON)
            .body(json)
            .post("/api/pipelines/templates")
            .then()
            .statusCode(201)
            .extract()
            .path("id"));
  }

  public UUID start(UUID templateId, Map<String, Object> input) {
    return UUID.fromString(
        given()
            .auth()
            .oauth2(token)
            .contentType(ContentType.JSON)
            .body(Map.of("templateId", templateId.toString(), "input", input))
            .post("/api/pipelines")
            .then()
            .statusCode(201)
            .extract()
            .path("id"));
  }

  public JsonPath run(UUID runId) {
    return given()
        .auth()
        .oauth2(token)
        .get("/api/pipelines/" + runId)
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
  }

  public JsonPath awaitRun(UUID runId, String status) {
    return Eventually.await(
        "run " + runId + " " + status,
        () -> run(runId),
        r -> status.equals(r.getString("pipeline.status")));
  }

  public JsonPath notifications(String query) {
    return given()
        .auth()
        .oauth2(token)
        .get("/api/notifications" + query)
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
  }
}
