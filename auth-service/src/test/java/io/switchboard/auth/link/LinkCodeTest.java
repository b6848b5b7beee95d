package io.switchboard.auth.link;

import static io.switchboard.auth.link.ChannelLinks.CODE_FORMAT;
import static io.switchboard.auth.link.ChannelLinks.issue;
import static io.switchboard.auth.link.ChannelLinks.newChannelUserId;
import static io.switchboard.auth.link.ChannelLinks.serviceToken;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesRegex;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.switchboard.auth.account.Accounts;
import io.switchboard.auth.jwks.service.SigningKeys;
import io.switchboard.auth.link.service.LinkCodeGenerator;
import io.switchboard.testing.SwitchboardTestResource;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code POST /internal/link-codes}: who may ask, and what a code looks like. */
@QuarkusTest
@WithTestResource(
    value = SwitchboardTestResource.class,
    initArgs = @ResourceArg(name = "testKeys", value = "false"))
class LinkCodeTest {

  @Inject SigningKeys keys;
  @Inject LinkCodeGenerator generator;
  @Inject DataSource dataSource;

  @BeforeAll
  static void logFailures() {
    RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
  }

  @Test
  void shouldIssueDistinctSixCharacterCodesWithoutLookAlikes() {
    String token = serviceToken(keys);
    Set<String> codes = new HashSet<>();
    for (int i = 0; i < 200; i++) {
      codes.add(
          issue(token, "{\"channelType\":\"telegram\",\"channelUserId\":\"" + i + "\"}")
              .statusCode(201)
              .body("code", matchesRegex(CODE_FORMAT))
              .extract()
              .path("code"));
    }

    assertThat(codes).hasSize(200).noneMatch(code -> code.matches(".*[0O1I].*"));
  }

  @Test
  void shouldDrawEverySymbolOfTheAlphabetAndNothingElse() {
    Set<Character> seen = new HashSet<>();
    for (int i = 0; i < 5_000; i++) {
      generator.next().chars().forEach(c -> seen.add((char) c));
    }

    assertThat(seen.stream().map(String::valueOf).sorted().collect(Collectors.joining()))
        .isEqualTo("23456789ABCDEFGHJKLMNPQRSTUVWXYZ");
  }

  @Test
  void shouldKeepACodeValidForFiveMinutesInTheDatabase() throws Exception {
    Instant before = Instant.now();
    String channelUserId = newChannelUserId();
    var response =
        issue(
                serviceToken(keys),
                "{\"channelType\":\"telegram\",\"channelUserId\":\""
                    + channelUserId
                    + "\",\"channelUserName\":\"Ada\"}")
            .statusCode(201)
            .extract();
    Instant expiresAt = Instant.parse(response.path("expiresAt"));

    assertThat(expiresAt)
        .isBetween(
            before.plus(Duration.ofMinutes(5)).minusSeconds(1), Instant.now().plusSeconds(301));
    try (Connection connection = dataSource.getConnection();
        PreparedStatement query =
            connection.prepareStatement(
                "SELECT channel_type, channel_user_id, channel_user_name, used_at"
                    + " FROM link_code WHERE code = ?")) {
      query.setString(1, response.path("code"));
      try (ResultSet row = query.executeQuery()) {
        assertThat(row.next()).isTrue();
        assertThat(row.getString(1)).isEqualTo("telegram");
        assertThat(row.getString(2)).isEqualTo(channelUserId);
        assertThat(row.getString(3)).isEqualTo("Ada");
        assertThat(row.getTimestamp(4)).isNull();
      }
    }
  }

  @Test
  void shouldRefuseAUserToken() {
    issue(
            Accounts.tokenOfNewAccount(),
            "{\"channelType\":\"telegram\",\"channelUserId\":\"" + newChannelUserId() + "\"}")
        .statusCode(403)
        .body("code", equalTo("forbidden"));
  }

  @Test
  void shouldAskForATokenWithoutOne() {
    RestAssured.given()
        .contentType("application/json")
        .body("{\"channelType\":\"telegram\",\"channelUserId\":\"1\"}")
        .post("/internal/link-codes")
        .then()
        .statusCode(401)
        .body("code", equalTo("unauthenticated"));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "{\"channelUserId\":\"1\"}|channelType",
        "{\"channelType\":\"Telegram\",\"channelUserId\":\"1\"}|channelType",
        "{\"channelType\":\"t\",\"channelUserId\":\"1\"}|channelType",
        "{\"channelType\":\"tele gram\",\"channelUserId\":\"1\"}|channelType",
        "{\"channelType\":\"t23456789012345678901234567890123\",\"channelUserId\":\"1\"}|channelType",
        "{\"channelType\":{\"a\":1},\"channelUserId\":\"1\"}|channelType",
        "{\"channelType\":\"telegram\"}|channelUserId",
        "{\"channelType\":\"telegram\",\"channelUserId\":\" \"}|channelUserId",
        "{\"channelType\":\"telegram\",\"channelUserId\":[1]}|channelUserId",
        "{\"channelType\":\"telegram\",\"channelUserId\":\"LONG\"}|channelUserId",
        "{\"channelType\":\"telegram\",\"channelUserId\":\"1\",\"channelUserName\":\"LONG\"}"
            + "|channelUserName"
      })
  void shouldRefuseABadRequestNamingTheField(String body, String field) {
    issue(serviceToken(keys), body.replace("LONG", "x".repeat(129)))
        .statusCode(400)
        .body("code", equalTo("validation_failed"))
        .body("errors.field", contains(field));
  }
}
