package io.switchboard.skill.execute;

import static io.restassured.RestAssured.given;
import static io.switchboard.skill.support.Calls.execute;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.switchboard.skill.support.Calls;
import io.switchboard.skill.support.LoopbackHttp;
import io.switchboard.skill.support.VaultStub;
import io.switchboard.testing.SwitchboardTestResource;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(SwitchboardTestResource.class)
class ExecuteHttpAndSecretsTest {

  private static LoopbackHttp web;
  private final UUID user = UUID.randomUUID();
  private final String secret = "sk-live-" + UUID.randomUUID();

  @BeforeAll
  static void start() {
    RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    web = new LoopbackHttp();
  }

  @AfterAll
  static void stop() {
    web.close();
  }

  @BeforeEach
  void allowHttp() {
    VaultStub.put(user, "TOKEN", secret);
    Calls.override(user, "http", "fetch", "allow").statusCode(200);
  }

  private Map<String, Object> fetch(String url, Map<String, String> headers) {
    return Map.of("url", url, "headers", headers);
  }

  @Test
  void shouldResolveASecretForTheCallAndNeverEchoIt() {
    String body =
        execute(
                user,
                "http",
                "fetch",
                fetch(web.url("/echo"), Map.of("Authorization", "Bearer {{secret:TOKEN}}")))
            .statusCode(200)
            .body("isError", equalTo(false))
            .body("result.status", equalTo(200))
            .body("result.body", containsString("authorization=Bearer [secret:TOKEN]"))
            .extract()
            .asString();
    assertThat(body).doesNotContain(secret);
    assertThat(VaultStub.RESOLVES).contains("skill-service:" + user + ":TOKEN");
  }

  @Test
  void shouldRefuseAnUnknownSecretWithoutCallingTheTool() {
    execute(user, "http", "fetch", fetch(web.url("/echo"), Map.of("X-Key", "{{secret:NOT_THERE}}")))
        .statusCode(400)
        .body("code", equalTo("unknown_secret"))
        .body("detail", containsString("NOT_THERE"));
  }

  @Test
  void shouldNotResolveAnotherUsersSecret() {
    UUID other = UUID.randomUUID();
    VaultStub.put(other, "THEIRS", "their-value-123");
    String body =
        execute(
                user,
                "http",
                "fetch",
                fetch(web.url("/echo"), Map.of("X-Key", "{{secret:THEIRS}}")))
            .statusCode(400)
            .body("code", equalTo("unknown_secret"))
            .extract()
            .asString();
    assertThat(body).doesNotContain("their-value-123");
  }

  @Test
  void shouldAnswerExpiredCredentialsAndAVaultOutageWithProblems() {
    execute(user, "http", "fetch", fetch(web.url("/echo"), Map.of("X-Key", "{{secret:EXPIRED}}")))
        .statusCode(409)
        .body("code", equalTo("credential_expired"));
    execute(
            user,
            "http",
            "fetch",
            fetch(web.url("/echo"), Map.of("X-Key", "{{secret:VAULT_DOWN}}")))
        .statusCode(502)
        .body("code", equalTo("vault_unavailable"));
  }

  @Test
  void shouldTruncateATenMegabyteBody() {
    execute(user, "http", "fetch", Map.of("url", web.url("/big")))
        .statusCode(200)
        .body("isError", equalTo(false))
        .body("result.truncated", equalTo(true))
        .body("result.bytes", equalTo(524288));
  }

  @Test
  void shouldAnswer504WhenTheToolHangsAndStayHealthy() {
    execute(user, "http", "fetch", Map.of("url", web.url("/hang")))
        .statusCode(504)
        .body("code", equalTo("tool_timeout"));
    given().get("/health/live").then().statusCode(200);
    execute(user, "time", "now", Map.of()).statusCode(200);
  }

  @Test
  void shouldRefuseLoopbackByAnotherNameAndRedirectsToPrivateAddresses() {
    execute(user, "http", "fetch", Map.of("url", "http://localhost:" + web.port() + "/echo"))
        .statusCode(200)
        .body("isError", equalTo(true))
        .body("result.code", equalTo("address_refused"));
    execute(user, "http", "fetch", Map.of("url", web.url("/to-localhost")))
        .statusCode(200)
        .body("result.code", equalTo("address_refused"));
    execute(user, "http", "fetch", Map.of("url", web.url("/to-metadata")))
        .statusCode(200)
        .body("result.code", equalTo("address_refused"))
        .body("result.error", containsString("link-local"));
  }

  @Test
  void shouldRefuseNonHttpUrls() {
    execute(user, "http", "fetch", Map.of("url", "file:///etc/passwd"))
        .statusCode(200)
        .body("isError", equalTo(true))
        .body("result.code", equalTo("address_refused"))
        .body("result.error", not(containsString("root:")));
  }
}
