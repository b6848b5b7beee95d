package io.switchboard.model.registry;

import static io.restassured.RestAssured.given;
import static io.switchboard.model.Api.admin;
import static io.switchboard.model.Api.create;
import static io.switchboard.model.Api.createModel;
import static io.switchboard.model.Api.model;
import static io.switchboard.model.Api.unique;
import static io.switchboard.model.Api.user;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.switchboard.model.Api;
import io.switchboard.testing.SwitchboardTestResource;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(SwitchboardTestResource.class)
class ModelResourceTest {

  @BeforeAll
  static void logFailures() {
    RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
  }

  @Test
  void shouldSeedTheBuiltInLocalModelAsDefault() {
    given()
        .auth()
        .oauth2(user())
        .get("/api/models/local-echo")
        .then()
        .statusCode(200)
        .body("provider", equalTo("local"))
        .body("modelId", equalTo("echo"))
        .body("enabled", equalTo(true))
        .body("capabilities.tools", equalTo(true));
  }

  @Test
  void shouldCreateReadUpdateAndDeleteAModelByName() {
    String name = unique("gpt");
    createModel(
            model(
                name,
                "openai",
                "endpoint",
                "https://api.openai.com/",
                "topics",
                List.of("coding", "analysis"),
                "priority",
                5,
                "maxTokens",
                4096))
        .statusCode(201)
        .header("Location", org.hamcrest.Matchers.endsWith("/api/models/" + name))
        .body("id", notNullValue())
        .body("endpoint", equalTo("https://api.openai.com"))
        .body("topics", equalTo(List.of("coding", "analysis")))
        .body("isDefault", equalTo(false))
        .body("createdAt", notNullValue());

    given()
        .auth()
        .oauth2(user())
        .get("/api/models")
        .then()
        .statusCode(200)
        .body("models.name", hasItem(name));

    Api.patch(name, Map.of("priority", 7, "enabled", false))
        .statusCode(200)
        .body("priority", equalTo(7))
        .body("enabled", equalTo(false))
        .body("maxTokens", equalTo(4096));

    given().auth().oauth2(admin()).delete("/api/models/" + name).then().statusCode(204);
    given()
        .auth()
        .oauth2(user())
        .get("/api/models/" + name)
        .then()
        .statusCode(404)
        .body("code", equalTo("not_found"));
  }

  @Test
  void shouldRefuseADuplicateName() {
    String name = create(model(unique("dup"), "local"));

    createModel(model(name, "openai")).statusCode(409).body("code", equalTo("name_taken"));
  }

  @Test
  void shouldRefuseAnUnknownProvider() {
    createModel(model(unique("x"), "skynet"))
        .statusCode(400)
        .body("code", equalTo("unknown_provider"));
  }

  @Test
  void shouldRefuseAMalformedEndpointUrl() {
    createModel(model(unique("bad"), "openai", "endpoint", "not a url"))
        .statusCode(400)
        .body("code", equalTo("invalid_endpoint"));
    createModel(model(unique("bad"), "openai", "endpoint", "ftp://example.com"))
        .statusCode(400)
        .body("code", equalTo("invalid_endpoint"));
    createModel(model(unique("bad"), "openai", "endpoint", "https://user:key@example.com"))
        .statusCode(400)
        .body("code", equalTo("invalid_endpoint"));
  }

  @Test
  void shouldRefuseEndpointsOnLinkLocalAndMetadataAddresses() {
    for (String endpoint :
        List.of(
            "http://169.254.169.254/latest",
            "http://169.254.1.1:8080",
            "http://[fd00:ec2::254]/",
            "http://metadata.google.internal/computeMetadata/v1",
            "http://[fe80::1]:11434")) {
      createModel(model(unique("ssrf"), "openai", "endpoint", endpoint))
          .statusCode(400)
          .body("code", equalTo("endpoint_not_allowed"));
    }
  }

  @Test
  void shouldAllowLoopbackEndpointsForSelfHostedServers() {
    createModel(model(unique("ollama"), "ollama", "endpoint", "http://127.0.0.1:11434"))
        .statusCode(201);
  }

  @Test
  void shouldRefuseAnEndpointChangeToAMetadataAddress() {
    String name = create(model(unique("patch"), "openai"));

    Api.patch(name, Map.of("endpoint", "http://169.254.169.254"))
        .statusCode(400)
        .body("code", equalTo("endpoint_not_allowed"));
  }

  @Test
  void shouldRefuseNonAdminWrites() {
    String name = create(model(unique("ro"), "local"));
    String token = user();

    given()
        .auth()
        .oauth2(token)
        .contentType(ContentType.JSON)
        .body(model(unique("u"), "local"))
        .post("/api/models")
        .then()
        .statusCode(403)
        .body("code", equalTo("forbidden"));
    given()
        .auth()
        .oauth2(token)
        .contentType(ContentType.JSON)
        .body(Map.of("priority", 1))
        .patch("/api/models/" + name)
        .then()
        .statusCode(403);
    given().auth().oauth2(token).delete("/api/models/" + name).then().statusCode(403);
    given().auth().oauth2(token).post("/api/models/" + name + "/default").then().statusCode(403);
    given().get("/api/models").then().statusCode(401);
  }

  @Test
  void shouldKeepExactlyOneDefaultAndRefuseDeletingIt() {
    String name = create(model(unique("def"), "local"));
    String id =
        given().auth().oauth2(user()).get("/api/models/" + name).then().extract().path("id");
    try {
      given()
          .auth()
          .oauth2(admin())
          .post("/api/models/" + id + "/default")
          .then()
          .statusCode(200)
          .body("isDefault", equalTo(true));

      given()
          .auth()
          .oauth2(user())
          .get("/api/models")
          .then()
          .body("models.findAll { it.isDefault }.name", equalTo(List.of(name)));
      given()
          .auth()
          .oauth2(admin())
          .delete("/api/models/" + name)
          .then()
          .statusCode(409)
          .body("code", equalTo("default_model"));
      Api.patch(name, Map.of("enabled", false))
          .statusCode(409)
          .body("code", equalTo("default_model"));
    } finally {
      Api.makeDefault("local-echo");
    }
    given()
        .auth()
        .oauth2(user())
        .get("/api/models/" + name)
        .then()
        .body("isDefault", equalTo(false));
  }

  @Test
  void shouldRefuseMakingADisabledModelTheDefault() {
    String name = create(model(unique("off"), "local", "enabled", false));

    given()
        .auth()
        .oauth2(admin())
        .post("/api/models/" + name + "/default")
        .then()
        .statusCode(409)
        .body("code", equalTo("model_disabled"));
  }

  @Test
  void shouldAnswer404ForDefaultOfAnUnknownModel() {
    given()
        .auth()
        .oauth2(admin())
        .post("/api/models/" + java.util.UUID.randomUUID() + "/default")
        .then()
        .statusCode(404)
        .body("code", equalTo("not_found"));
  }

  @Test
  void shouldRefuseAReservedOrInvalidName() {
    createModel(model("routing", "local"))
        .statusCode(400)
        .body("code", equalTo("validation_failed"));
    createModel(model("has space", "local"))
        .statusCode(400)
        .body("code", equalTo("validation_failed"));
  }

  @Test
  void shouldNeverExposeACredentialValue() {
    String credential = java.util.UUID.randomUUID().toString();
    createModel(model(unique("cred"), "openai", "credentialId", credential))
        .statusCode(201)
        .body("credentialId", equalTo(credential))
        .body("apiKey", nullValue())
        .body("$", not(org.hamcrest.Matchers.hasKey("value")));
  }
}
