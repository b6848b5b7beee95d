package io.switchboard.auth.link;

import static io.restassured.RestAssured.given;
import static io.switchboard.auth.link.ChannelLinks.codeFor;
import static io.switchboard.auth.link.ChannelLinks.newChannelUserId;
import static io.switchboard.auth.link.ChannelLinks.redeem;
import static io.switchboard.auth.link.ChannelLinks.redeemBody;
import static io.switchboard.auth.link.ChannelLinks.serviceToken;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.switchboard.auth.account.Accounts;
import io.switchboard.auth.jwks.service.SigningKeys;
import io.switchboard.testing.SwitchboardTestResource;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code POST /api/auth/link}: the codes, callers and bodies it refuses. */
@QuarkusTest
@WithTestResource(
    value = SwitchboardTestResource.class,
    initArgs = @ResourceArg(name = "testKeys", value = "false"))
class ChannelLinkRefusalTest {

  @Inject SigningKeys keys;
  @Inject DataSource dataSource;

  @BeforeAll
  static void logFailures() {
    RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
  }

  @Test
  void shouldGiveTheSameAnswerForUnknownExpiredAndUsedCodes() throws SQLException {
    String user = Accounts.tokenOfNewAccount();
    String used = codeFor(keys, newChannelUserId(), null);
    redeem(Accounts.tokenOfNewAccount(), used).statusCode(200);
    String expired = codeFor(keys, newChannelUserId(), null);
    execute(
        "UPDATE link_code SET expires_at = now() - interval '1 second' WHERE code = ?", expired);

    String unknownAnswer = redeem(user, "ZZZZZZ").statusCode(404).extract().asString();
    String expiredAnswer = redeem(user, expired).statusCode(404).extract().asString();
    String usedAnswer = redeem(user, used).statusCode(404).extract().asString();

    assertThat(unknownAnswer).contains("\"code\":\"invalid_link_code\"");
    assertThat(strip(expiredAnswer)).isEqualTo(strip(unknownAnswer));
    assertThat(strip(usedAnswer)).isEqualTo(strip(unknownAnswer));
  }

  @Test
  void shouldThrottleAUserAfterTenWrongCodes() {
    String user = Accounts.tokenOfNewAccount();
    for (int i = 0; i < 10; i++) {
      redeem(user, "ZZZZZ" + "ABCDEFGHJK".charAt(i)).statusCode(404);
    }

    redeem(user, codeFor(keys, newChannelUserId(), null))
        .statusCode(429)
        .header("Retry-After", notNullValue())
        .body("code", equalTo("rate_limited"));
    redeem(Accounts.tokenOfNewAccount(), codeFor(keys, newChannelUserId(), null)).statusCode(200);
  }

  @Test
  void shouldRefuseAServiceToken() {
    redeem(serviceToken(keys), codeFor(keys, newChannelUserId(), null))
        .statusCode(403)
        .body("code", equalTo("forbidden"));
  }

  @Test
  void shouldAskForAToken() {
    given()
        .contentType("application/json")
        .body("{\"code\":\"ABCDEF\"}")
        .post("/api/auth/link")
        .then()
        .statusCode(401)
        .body("code", equalTo("unauthenticated"));
  }

  @Test
  void shouldNotLinkToADeletedAccountNorUseUpTheCode() throws SQLException {
    String name = Accounts.uniqueName();
    String deleted = Accounts.register(name).statusCode(201).extract().path("token");
    execute("UPDATE app_user SET deleted_at = now() WHERE username = ?", name);
    String code = codeFor(keys, newChannelUserId(), null);

    redeem(deleted, code).statusCode(404).body("code", equalTo("not_found"));

    redeem(Accounts.tokenOfNewAccount(), code).statusCode(200);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{}",
        "{\"code\":null}",
        "{\"code\":\"\"}",
        "{\"code\":\"   \"}",
        "{\"code\":[\"ABCDEF\"]}",
        "{\"code\":{\"value\":\"ABCDEF\"}}",
        "{\"code\":\"ABCDEFABCDEFABCDE\"}"
      })
  void shouldRefuseABadBodyNamingTheField(String body) {
    redeemBody(Accounts.tokenOfNewAccount(), body)
        .statusCode(400)
        .body("code", equalTo("validation_failed"))
        .body("errors.field", contains("code"));
  }

  @Test
  void shouldRefuseAMissingOrMalformedBody() {
    String user = Accounts.tokenOfNewAccount();
    given()
        .auth()
        .oauth2(user)
        .contentType("application/json")
        .post("/api/auth/link")
        .then()
        .statusCode(400);
    redeemBody(user, "{\"code\":").statusCode(400).body("code", equalTo("malformed_request"));
    given()
        .auth()
        .oauth2(user)
        .contentType("text/plain")
        .body("ABCDEF")
        .post("/api/auth/link")
        .then()
        .statusCode(415);
  }

  private void execute(String sql, String parameter) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setString(1, parameter);
      assertThat(statement.executeUpdate()).isEqualTo(1);
    }
  }

  private static String strip(String problem) {
    return problem.replaceAll("\"requestId\":\"[^\"]*\"", "");
  }
}
