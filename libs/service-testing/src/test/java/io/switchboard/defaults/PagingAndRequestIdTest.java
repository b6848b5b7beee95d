package io.switchboard.defaults;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.testing.SwitchboardTestResource;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(
    value = SwitchboardTestResource.class,
    initArgs = @ResourceArg(name = "postgres", value = "false"))
class PagingAndRequestIdTest {

  @Test
  void shouldDefaultToFiftyFromTheStart() {
    given()
        .get("/probe/items")
        .then()
        .statusCode(200)
        .body("items", contains("a"))
        .body("total", equalTo(120))
        .body("limit", equalTo(50))
        .body("offset", equalTo(0))
        .body("hasMore", equalTo(true));
  }

  @Test
  void shouldSayWhenTheLastPageIsReached() {
    given()
        .queryParam("limit", 200)
        .queryParam("offset", 20)
        .get("/probe/items")
        .then()
        .statusCode(200)
        .body("limit", equalTo(200))
        .body("offset", equalTo(20))
        .body("hasMore", equalTo(false));
  }

  @Test
  void shouldRejectALimitOverTheMaximum() {
    given()
        .queryParam("limit", 201)
        .get("/probe/items")
        .then()
        .statusCode(400)
        .body("code", equalTo("validation_failed"))
        .body("errors[0].field", equalTo("limit"))
        .body("errors[0].message", equalTo("must be between 1 and 200"));
  }

  @Test
  void shouldRejectANonNumericOrNegativePage() {
    given()
        .queryParam("limit", "abc")
        .get("/probe/items")
        .then()
        .statusCode(400)
        .body("errors[0].field", equalTo("limit"));
    given().queryParam("limit", 0).get("/probe/items").then().statusCode(400);
    given()
        .queryParam("offset", -1)
        .get("/probe/items")
        .then()
        .statusCode(400)
        .body("errors[0].field", equalTo("offset"));
  }

  @Test
  void shouldForwardTheRequestIdOnOutgoingCalls() {
    given()
        .header("X-Request-Id", "relay-77")
        .get("/probe/relay")
        .then()
        .statusCode(200)
        .header("X-Request-Id", "relay-77")
        .body(equalTo("relay-77"));
  }
}
