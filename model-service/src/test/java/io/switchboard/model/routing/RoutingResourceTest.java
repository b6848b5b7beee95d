package io.switchboard.model.routing;

import static io.restassured.RestAssured.given;
import static io.switchboard.model.Api.create;
import static io.switchboard.model.Api.model;
import static io.switchboard.model.Api.unique;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.switchboard.model.Api;
import io.switchboard.testing.SwitchboardTestResource;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(SwitchboardTestResource.class)
class RoutingResourceTest {

  @BeforeAll
  static void logFailures() {
    RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
  }

  private static io.restassured.response.ValidatableResponse complete(String text) {
    return given()
        .auth()
        .oauth2(Api.service())
        .contentType(ContentType.JSON)
        .body(
            Map.of(
                "userId",
                UUID.randomUUID().toString(),
                "messages",
                List.of(Map.of("role", "user", "content", text))))
        .post("/internal/completions")
        .then()
        .statusCode(200);
  }

  @Test
  void shouldShowTheTableWithPrimaryFallbacksAndKeywords() {
    String topic = "rt" + UUID.randomUUID().toString().substring(0, 6);
    String second = create(model(unique("b"), "local", "topics", List.of(topic), "priority", 20));
    String first = create(model(unique("a"), "local", "topics", List.of(topic), "priority", 10));
    String disabled =
        create(
            model(unique("c"), "local", "topics", List.of(topic), "priority", 1, "enabled", false));

    given()
        .auth()
        .oauth2(Api.user())
        .get("/api/models/routing")
        .then()
        .statusCode(200)
        .body("default", equalTo("local-echo"))
        .body("topics.topic", hasItem("coding"))
        .body("topics.find { it.topic == 'coding' }.keywords", hasItem("bug"))
        .body("topics.find { it.topic == '" + topic + "' }.primary", equalTo(first))
        .body(
            "topics.find { it.topic == '" + topic + "' }.fallbacks",
            equalTo(List.of(second, "local-echo")))
        .body("topics.find { it.topic == '" + topic + "' }.fallbacks", not(hasItem(disabled)));
  }

  @Test
  void shouldRouteByKeywordFirst() {
    complete("There is a bug in my parser")
        .body("topic", equalTo("coding"))
        .body("routing.reason", org.hamcrest.Matchers.endsWith("for topic coding (keyword 'bug')"));
  }

  @Test
  void shouldRouteBySemanticSimilarityWhenNoKeywordMatches() {
    complete("Compose a rhyming verse about the autumn moon over the sea")
        .body("topic", equalTo("creative"))
        .body("routing.reason", org.hamcrest.Matchers.containsString("semantic similarity"));
    complete("Why does my loop never end in C?").body("topic", equalTo("coding"));
    complete("Which of these three quarterly revenue figures grew fastest?")
        .body("topic", equalTo("analysis"));
  }

  @Test
  void shouldFallBackToTheDefaultTopic() {
    complete("zzzz qqqq").body("topic", equalTo("general"));
  }

  @Test
  void shouldRequireAToken() {
    given().get("/api/models/routing").then().statusCode(401);
  }
}
