package io.switchboard.vault.credential;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.switchboard.testing.SwitchboardTestResource;
import io.switchboard.testing.TestTokens;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** {@code Idempotency-Key} on {@code POST /api/vault} (API.md "Conventions"). */
@QuarkusTest
@WithTestResource(SwitchboardTestResource.class)
class CredentialIdempotencyTest {

  private static Map<String, Object> body(String name, String value) {
    return Map.of("name", name, "value", value, "credentialType", "api_key");
  }

  private static Response post(UUID user, String key, Map<String, Object> body) {
    var request = given().auth().oauth2(TestTokens.user(user)).contentType(ContentType.JSON);
    if (key != null) {
      request = request.header("Idempotency-Key", key);
    }
    return request.body(body).post("/api/vault");
  }

  private static int count(UUID user) {
    return given()
        .auth()
        .oauth2(TestTokens.user(user))
        .get("/api/vault")
        .then()
        .statusCode(200)
        .extract()
        .path("total");
  }

  @Test
  void shouldAnswerARetryWithTheFirstAnswerAndCreateNothing() {
    UUID user = UUID.randomUUID();
    String key = UUID.randomUUID().toString();
    Response first = post(user, key, body("openai", "sk-first-value-123456"));
    first.then().statusCode(201);
    Response retry = post(user, key, body("openai", "sk-first-value-123456"));
    retry
        .then()
        .statusCode(201)
        .header("Idempotent-Replayed", "true")
        .header("Location", first.header("Location"))
        .body("id", equalTo(first.path("id")))
        .body("preview", equalTo("••••3456"));
    assertThat(first.header("Idempotent-Replayed")).isNull();
    assertThat(count(user)).isEqualTo(1);
  }

  @Test
  void shouldRefuseTheSameKeyForADifferentRequest() {
    UUID user = UUID.randomUUID();
    String key = UUID.randomUUID().toString();
    post(user, key, body("one", "value-one-123456")).then().statusCode(201);
    post(user, key, body("two", "value-two-123456"))
        .then()
        .statusCode(422)
        .contentType("application/problem+json")
        .body("code", equalTo("idempotency_key_reused"));
    assertThat(count(user)).isEqualTo(1);
  }

  @Test
  void shouldKeepKeysApartPerUser() {
    String key = UUID.randomUUID().toString();
    UUID alice = UUID.randomUUID();
    UUID bob = UUID.randomUUID();
    String a =
        post(alice, key, body("same", "value-a-123456"))
            .then()
            .statusCode(201)
            .extract()
            .path("id");
    String b =
        post(bob, key, body("same", "value-b-123456")).then().statusCode(201).extract().path("id");
    assertThat(a).isNotEqualTo(b);
  }

  @Test
  void shouldLetAFailedRequestBeRetriedWithItsKey() {
    UUID user = UUID.randomUUID();
    String existing =
        post(user, null, body("taken", "value-0-123456"))
            .then()
            .statusCode(201)
            .extract()
            .path("id");
    String key = UUID.randomUUID().toString();
    post(user, key, body("taken", "value-1-123456"))
        .then()
        .statusCode(409)
        .body("code", equalTo("name_taken"));
    given()
        .auth()
        .oauth2(TestTokens.user(user))
        .delete("/api/vault/" + existing)
        .then()
        .statusCode(204);
    post(user, key, body("taken", "value-1-123456"))
        .then()
        .statusCode(201)
        .header("Idempotent-Replayed", (String) null);
  }

  @Test
  void shouldRefuseAMalformedKey() {
    UUID user = UUID.randomUUID();
    post(user, "has space", body("k1", "value-123456"))
        .then()
        .statusCode(400)
        .body("code", equalTo("validation_failed"))
        .body("errors[0].field", equalTo("Idempotency-Key"));
    post(user, "k".repeat(256), body("k2", "value-123456"))
        .then()
        .statusCode(400)
        .body("code", equalTo("validation_failed"));
    assertThat(count(user)).isZero();
  }

  @Test
  void shouldCreateOnceUnderConcurrentRetries() throws Exception {
    UUID user = UUID.randomUUID();
    String key = UUID.randomUUID().toString();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Callable<Response>> calls = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        calls.add(() -> post(user, key, body("racy", "value-racy-123456")));
      }
      List<String> ids = new ArrayList<>();
      for (Future<Response> f : pool.invokeAll(calls)) {
        Response r = f.get();
        assertThat(r.statusCode()).isIn(201, 409);
        if (r.statusCode() == 201) {
          ids.add(r.path("id"));
        } else {
          assertThat((String) r.path("code")).isEqualTo("idempotency_in_progress");
          assertThat(r.header("Retry-After")).isEqualTo("1");
        }
      }
      assertThat(ids).isNotEmpty();
      assertThat(ids).containsOnly(ids.get(0));
    } finally {
      pool.shutdownNow();
    }
    assertThat(count(user)).isEqualTo(1);
    given()
        .auth()
        .oauth2(TestTokens.user(user))
        .get("/api/vault")
        .then()
        .body("credentials[0].name", is("racy"));
  }
}
