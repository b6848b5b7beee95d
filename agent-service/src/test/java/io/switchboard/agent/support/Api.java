package io.switchboard.agent.support;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import io.switchboard.testing.TestTokens;
import java.util.Map;
import java.util.UUID;

/** REST calls the tests make as a user. */
public final class Api {

  private Api() {}

  public static RequestSpecification as(UUID user) {
    return given().auth().oauth2(TestTokens.user(user)).contentType(ContentType.JSON);
  }

  public static ValidatableResponse spawn(UUID user, Map<String, Object> body) {
    return as(user).body(body).post("/api/agents").then();
  }

  public static String spawnId(UUID user, Map<String, Object> body) {
    return spawn(user, body).statusCode(201).extract().path("id");
  }

  public static ValidatableResponse agent(UUID user, String id) {
    return as(user).get("/api/agents/" + id).then();
  }

  public static String status(UUID user, String id) {
    return agent(user, id).statusCode(200).extract().path("status");
  }

  public static ValidatableResponse message(UUID user, String id, String text) {
    return as(user).body(Map.of("message", text)).post("/api/agents/" + id + "/message").then();
  }

  public static ValidatableResponse events(UUID user, String id, String query) {
    return as(user).get("/api/agents/" + id + "/events" + query).then();
  }

  public static ValidatableResponse messages(UUID user, String sessionId, String query) {
    return as(user).get("/api/sessions/" + sessionId + "/messages" + query).then();
  }

  public static void awaitStatus(UUID user, String id, String status) {
    Eventually.until("agent " + id + " " + status, () -> status.equals(status(user, id)));
  }
}
