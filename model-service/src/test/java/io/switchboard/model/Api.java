package io.switchboard.model;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.switchboard.testing.TestTokens;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/** Shared request helpers of the model-service tests. */
public final class Api {

  public static final UUID ADMIN = UUID.randomUUID();
  public static final UUID USER = UUID.randomUUID();

  private Api() {}

  public static String admin() {
    return TestTokens.admin(ADMIN);
  }

  public static String user() {
    return TestTokens.user(USER);
  }

  public static String service() {
    return TestTokens.service("agent-service");
  }

  public static String unique(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  /** A model body; {@code extra} entries override or add fields. */
  public static Map<String, Object> model(String name, String provider, Object... extra) {
    Map<String, Object> body = new HashMap<>();
    body.put("name", name);
    body.put("provider", provider);
    body.put("modelId", "m-" + name);
    for (int i = 0; i + 1 < extra.length; i += 2) {
      body.put((String) extra[i], extra[i + 1]);
    }
    return body;
  }

  public static ValidatableResponse createModel(Map<String, Object> body) {
    return given()
        .auth()
        .oauth2(admin())
        .contentType(ContentType.JSON)
        .body(body)
        .post("/api/models")
        .then();
  }

  public static String create(Map<String, Object> body) {
    return createModel(body).statusCode(201).extract().path("name");
  }

  public static void makeDefault(String idOrName) {
    given()
        .auth()
        .oauth2(admin())
        .post("/api/models/" + idOrName + "/default")
        .then()
        .statusCode(200);
  }

  public static ValidatableResponse patch(String name, Map<String, Object> body) {
    return given()
        .auth()
        .oauth2(admin())
        .contentType(ContentType.JSON)
        .body(body)
        .patch("/api/models/" + name)
        .then();
  }

  public static ValidatableResponse complete(Map<String, Object> body) {
    return given()
        .auth()
        .oauth2(service())
        .contentType(ContentType.JSON)
        .body(body)
        .post("/internal/completions")
        .then();
  }

  public static Map<String, Object> userMessage(String text) {
    return Map.of("role", "user", "content", text);
  }
}
