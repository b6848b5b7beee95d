package io.switchboard.skill.execute;

import static io.switchboard.skill.support.Calls.execute;
import static io.switchboard.skill.support.Calls.executeBody;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.switchboard.defaults.event.Topics;
import io.switchboard.skill.support.VaultStub;
import io.switchboard.testing.KafkaProbe;
import io.switchboard.testing.SwitchboardTestResource;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(SwitchboardTestResource.class)
class ExecuteBuiltinTest {

  private final UUID user = UUID.randomUUID();

  @ConfigProperty(name = "kafka.bootstrap.servers")
  String kafka;

  @BeforeAll
  static void logFailures() {
    RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
  }

  @Test
  void shouldTellTheTimeInAZone() {
    execute(user, "time", "now", Map.of("timezone", "Asia/Tokyo"))
        .statusCode(200)
        .body("isError", equalTo(false))
        .body("result.timezone", equalTo("Asia/Tokyo"))
        .body("result.utcOffset", equalTo("+09:00"))
        .body("durationMs", notNullValue());
  }

  @Test
  void shouldConvertBetweenZones() {
    execute(
            user,
            "time",
            "convert",
            Map.of("time", "2026-01-15T12:00:00", "from", "Europe/Paris", "to", "America/New_York"))
        .statusCode(200)
        .body("result.iso", equalTo("2026-01-15T06:00:00-05:00"));
  }

  @Test
  void shouldReportAnUnknownZoneAsAToolError() {
    execute(user, "time", "now", Map.of("timezone", "Mars/Olympus"))
        .statusCode(200)
        .body("isError", equalTo(true))
        .body("result.error", containsString("Mars/Olympus"));
  }

  @Test
  void shouldEvaluateMath() {
    execute(user, "math", "evaluate", Map.of("expression", "2 * (3 + 4) ^ 2"))
        .statusCode(200)
        .body("isError", equalTo(false))
        .body("result.value", equalTo(98.0f));
  }

  @Test
  void shouldReportBadMathAsAToolError() {
    execute(user, "math", "evaluate", Map.of("expression", "Runtime.exec('rm')"))
        .statusCode(200)
        .body("isError", equalTo(true));
  }

  @Test
  void shouldAnswer404ForAnUnknownSkillOrTool() {
    execute(user, "nope", "now", Map.of()).statusCode(404).body("code", equalTo("not_found"));
    execute(user, "time", "nope", Map.of()).statusCode(404).body("code", equalTo("not_found"));
  }

  @Test
  void shouldRefuseArgumentsThatDoNotMatchTheSchemaNamingTheField() {
    execute(user, "math", "evaluate", Map.of())
        .statusCode(400)
        .body("code", equalTo("validation_failed"))
        .body("errors.field", hasItem("arguments.expression"));
    execute(user, "math", "evaluate", Map.of("expression", 42))
        .statusCode(400)
        .body("errors.field", hasItem("arguments.expression"));
    execute(user, "time", "now", Map.of("timezone", "UTC", "extra", true))
        .statusCode(400)
        .body("code", equalTo("validation_failed"));
    execute(user, "notify", "send", Map.of("title", "t", "body", "b", "level", "loud"))
        .statusCode(400)
        .body("errors.field", hasItem("arguments.level"));
  }

  @Test
  void shouldRefuseArgumentsThatAreNotAnObject() {
    execute(user, "math", "evaluate", List.of(1, 2))
        .statusCode(400)
        .body("code", equalTo("validation_failed"))
        .body("errors.field", hasItem("arguments"));
  }

  @Test
  void shouldTreatMissingArgumentsAsAnEmptyObject() {
    executeBody(user, "time", "now", Map.of())
        .statusCode(200)
        .body("result.timezone", equalTo("UTC"));
  }

  @Test
  void shouldRefuseMalformedJson() {
    RestAssured.given()
        .auth()
        .oauth2(io.switchboard.testing.TestTokens.user(user))
        .contentType("application/json")
        .body("{\"arguments\":")
        .post("/api/skills/time/tools/now/execute")
        .then()
        .statusCode(400);
  }

  @Test
  void shouldSendANotificationToTheCallerThroughTheOutbox() {
    String id =
        execute(user, "notify", "send", Map.of("title", "Build done", "body", "All green"))
            .statusCode(200)
            .body("result.sent", equalTo(true))
            .extract()
            .path("result.notificationId");
    var record = new KafkaProbe(kafka).find(Topics.NOTIFICATIONS, r -> r.value().contains(id));
    assertThat(record.key()).isEqualTo(user.toString());
    assertThat(record.value()).contains("\"type\": \"notification\"").contains("Build done");
  }

  @Test
  void shouldListVaultNamesButNeverValues() {
    VaultStub.put(user, "GITHUB_TOKEN", "ghp-never-shown-123");
    String body =
        execute(user, "vault", "list", Map.of())
            .statusCode(200)
            .body("isError", equalTo(false))
            .body("result.credentials.name", hasItem("GITHUB_TOKEN"))
            .extract()
            .asString();
    assertThat(body).doesNotContain("ghp-never-shown-123");
  }

  @Test
  void shouldRequireAUserToken() {
    RestAssured.given()
        .contentType("application/json")
        .body("{}")
        .post("/api/skills/time/tools/now/execute")
        .then()
        .statusCode(401);
  }
}
