package io.switchboard.auth.account;

import static io.restassured.RestAssured.given;
import static io.switchboard.auth.account.Accounts.PASSWORD;
import static io.switchboard.auth.account.Accounts.login;
import static io.switchboard.auth.account.Accounts.register;
import static io.switchboard.auth.account.Accounts.uniqueName;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.emptyIterable;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.switchboard.auth.config.AuthConfig;
import io.switchboard.auth.password.NoRoomForNewHashes;
import io.switchboard.auth.password.PasswordHasher;
import io.switchboard.defaults.event.Topics;
import io.switchboard.testing.KafkaProbe;
import io.switchboard.testing.SwitchboardTestResource;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@QuarkusTest
@WithTestResource(
    value = SwitchboardTestResource.class,
    initArgs = @ResourceArg(name = "testKeys", value = "false"))
class AuthResourceTest {

  @ConfigProperty(name = "kafka.bootstrap.servers")
  String bootstrapServers;

  @Inject DataSource dataSource;

  @Inject AuthConfig authConfig;

  @ConfigProperty(name = "switchboard.auth.argon2.memory-kib")
  int memoryKib;

  @ConfigProperty(name = "switchboard.auth.argon2.iterations")
  int iterations;

  @ConfigProperty(name = "switchboard.auth.argon2.parallelism")
  int parallelism;

  @BeforeAll
  static void logFailures() {
    RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
  }

  @Test
  void shouldRegisterSignInAndAnswerWithTheAccount() {
    String name = uniqueName();

    String token =
        register(name)
            .statusCode(201)
            .header("Location", endsWith("/api/auth/me"))
            .body("user.username", equalTo(name))
            .body("user.email", equalTo(name + "@example.test"))
            .body("user.roles", hasItem("user"))
            .body("user.totpEnabled", equalTo(false))
            .body("user.passkeys", emptyIterable())
            .body("user.linkedChannels", emptyIterable())
            .body("user", not(org.hamcrest.Matchers.hasKey("passwordHash")))
            .body("expiresAt", notNullValue())
            .extract()
            .path("token");

    given()
        .auth()
        .oauth2(token)
        .get("/api/auth/me")
        .then()
        .statusCode(200)
        .body("username", equalTo(name));
  }

  @Test
  void shouldIssueTokensWithEveryClaimVerifiersNeed() {
    String name = uniqueName();
    register(name).statusCode(201);

    String token = login(name, PASSWORD, "198.51.100.1").statusCode(200).extract().path("token");

    String[] parts = token.split("\\.");
    String header = new String(Base64.getUrlDecoder().decode(parts[0]), StandardCharsets.UTF_8);
    String claims = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
    assertThat(header).contains("\"alg\":\"RS256\"").contains("\"kid\":");
    assertThat(claims)
        .contains("\"iss\":\"https://switchboard.local\"")
        .contains("\"aud\":")
        .contains("\"sub\":")
        .contains("\"sid\":")
        .contains("\"jti\":")
        .contains("\"iat\":")
        .contains("\"exp\":")
        .contains("\"groups\":[\"user\"]")
        .contains("\"typ\":\"access\"");
  }

  @Test
  void shouldSignInWithTheEmailAddressInAnyCase() {
    String name = uniqueName();
    register(name).statusCode(201);

    login(name.toUpperCase() + "@EXAMPLE.TEST", PASSWORD, "198.51.100.2")
        .statusCode(200)
        .body("user.username", equalTo(name));
  }

  @Test
  void shouldRefuseATakenUsername() {
    String name = uniqueName();
    register(name).statusCode(201);

    register(name).statusCode(409).body("code", equalTo("username_taken"));
  }

  @Test
  void shouldRefuseATakenEmailWhateverItsCase() {
    String name = uniqueName();
    register(name).statusCode(201);

    given()
        .contentType("application/json")
        .body(
            "{\"username\":\""
                + uniqueName()
                + "\",\"email\":\""
                + name.toUpperCase()
                + "@Example.Test\",\"password\":\""
                + PASSWORD
                + "\"}")
        .post("/api/auth/register")
        .then()
        .statusCode(409)
        .body("code", equalTo("email_taken"));
  }

  @Test
  void shouldLetExactlyOneOfTwoRacingRegistrationsWin() {
    String name = uniqueName();

    List<Integer> statuses =
        List.of(
                CompletableFuture.supplyAsync(() -> register(name).extract().statusCode()),
                CompletableFuture.supplyAsync(() -> register(name).extract().statusCode()))
            .stream()
            .map(CompletableFuture::join)
            .sorted()
            .toList();

    assertThat(statuses).containsExactly(201, 409);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "ab",
        "Alice",
        "al ice",
        "a'; drop table app_user;--",
        "\u0430dmin",
        "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
      })
  void shouldRefuseAUsernameOutsideTheAllowedCharacters(String username) {
    given()
        .contentType("application/json")
        .body(
            "{\"username\":\""
                + username.replace("\"", "")
                + "\",\"email\":\"a@example.test\","
                + "\"password\":\""
                + PASSWORD
                + "\"}")
        .post("/api/auth/register")
        .then()
        .statusCode(400)
        .body("code", equalTo("validation_failed"))
        .body("errors.field", contains("username"));
  }

  @Test
  void shouldIgnoreUnknownFieldsConsistently() {
    given()
        .contentType("application/json")
        .body(
            "{\"username\":\""
                + uniqueName()
                + "\",\"email\":\"unknown-"
                + uniqueName()
                + "@example.test\",\"password\":\""
                + PASSWORD
                + "\",\"roles\":[\"admin\"],"
                + "\"isAdmin\":true}")
        .post("/api/auth/register")
        .then()
        .statusCode(201)
        .body("user", not(org.hamcrest.Matchers.hasKey("isAdmin")));
  }

  @Test
  void shouldRefuseACommonPassword() {
    given()
        .contentType("application/json")
        .body(
            "{\"username\":\""
                + uniqueName()
                + "\",\"email\":\"c@example.test\","
                + "\"password\":\"Password123\"}")
        .post("/api/auth/register")
        .then()
        .statusCode(400)
        .body("errors.field", contains("password"));
  }

  @Test
  void shouldRefuseTooShortAndTooLongPasswordsAndMissingFields() {
    given()
        .contentType("application/json")
        .body("{\"username\":\"" + uniqueName() + "\",\"password\":\"short\"}")
        .post("/api/auth/register")
        .then()
        .statusCode(400)
        .body("errors.field", contains("email", "password"));
    given()
        .contentType("application/json")
        .body(
            "{\"username\":\""
                + uniqueName()
                + "\",\"email\":\"l@example.test\",\"password\":\""
                + "x".repeat(129)
                + "\"}")
        .post("/api/auth/register")
        .then()
        .statusCode(400)
        .body("errors.field", contains("password"));
  }

  @Test
  void shouldGiveTheSameAnswerForAnUnknownUserAndAWrongPassword() {
    String name = uniqueName();
    register(name).statusCode(201);

    String wrongPassword =
        login(name, "not the password", "198.51.100.3").statusCode(401).extract().asString();
    String unknownUser =
        login(uniqueName(), PASSWORD, "198.51.100.3").statusCode(401).extract().asString();

    assertThat(strip(wrongPassword)).isEqualTo(strip(unknownUser));
    assertThat(wrongPassword).contains("\"code\":\"invalid_credentials\"");
  }

  @Test
  void shouldThrottleAnAccountAfterFiveFailures() {
    String name = uniqueName();
    register(name).statusCode(201);
    for (int i = 0; i < 5; i++) {
      login(name, "wrong password " + i, "198.51.100.4").statusCode(401);
    }

    login(name, PASSWORD, "198.51.100.5")
        .statusCode(429)
        .header("Retry-After", notNullValue())
        .body("code", equalTo("rate_limited"));
  }

  @Test
  void shouldThrottleAnUnknownUserLikeAKnownOne() {
    String nobody = uniqueName();
    for (int i = 0; i < 5; i++) {
      login(nobody, "guess " + i, "198.51.100.6").statusCode(401);
    }

    login(nobody, "guess 6", "198.51.100.6").statusCode(429);
  }

  @Test
  void shouldThrottleAClientAddressThatTriesManyAccounts() {
    String address = "203.0.113." + (int) (Math.random() * 200 + 1);
    for (int i = 0; i < 50; i++) {
      login(uniqueName(), "spray", address).statusCode(401);
    }

    String name = uniqueName();
    register(name).statusCode(201);
    login(name, PASSWORD, address).statusCode(429);
    login(name, PASSWORD, "198.51.100.7").statusCode(200);
  }

  @Test
  void shouldRehashAPasswordMadeAtAnOlderCostAtTheNextSignInOnly() throws Exception {
    String name = uniqueName();
    register(name).statusCode(201);
    byte[] salt = "sixteen byte slt".getBytes(StandardCharsets.UTF_8);
    String old = olderCostHash(PASSWORD, salt);
    setPasswordHash(name, old);

    login(name, "not the password", "198.51.100.21").statusCode(401);
    assertThat(passwordHash(name)).isEqualTo(old);

    login(name, PASSWORD, "198.51.100.21").statusCode(200);
    String rehashed = passwordHash(name);
    assertThat(rehashed)
        .isNotEqualTo(old)
        .startsWith(
            "$argon2id$v=19$m=" + memoryKib + ",t=" + iterations + ",p=" + parallelism + "$");
    login(name, PASSWORD, "198.51.100.21").statusCode(200);
    assertThat(passwordHash(name)).isEqualTo(rehashed);
  }

  @Test
  void shouldSignInAndKeepTheOldHashWhenNoHashingWorkerIsFreeToRehash() throws Exception {
    String name = uniqueName();
    register(name).statusCode(201);
    String old = olderCostHash(PASSWORD, "sixteen byte sl2".getBytes(StandardCharsets.UTF_8));
    setPasswordHash(name, old);
    try (NoRoomForNewHashes saturated = new NoRoomForNewHashes(authConfig)) {
      QuarkusMock.installMockForType(saturated, PasswordHasher.class);

      // the sign-in verified: it succeeds although the rehash gets 429, which comes next time
      login(name, PASSWORD, "198.51.100.22").statusCode(200).body("token", notNullValue());
      assertThat(saturated.verify(PASSWORD, old)).isTrue();
      assertThat(passwordHash(name)).isEqualTo(old);
    }
  }

  /** A PHC string at m=1024, t=1 made by BouncyCastle: a hash from before a cost change. */
  private static String olderCostHash(String password, byte[] salt) {
    Argon2BytesGenerator generator = new Argon2BytesGenerator();
    generator.init(
        new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
            .withVersion(Argon2Parameters.ARGON2_VERSION_13)
            .withMemoryAsKB(1024)
            .withIterations(1)
            .withParallelism(1)
            .withSalt(salt)
            .build());
    byte[] tag = new byte[32];
    generator.generateBytes(password.getBytes(StandardCharsets.UTF_8), tag);
    Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
    return "$argon2id$v=19$m=1024,t=1,p=1$"
        + b64.encodeToString(salt)
        + "$"
        + b64.encodeToString(tag);
  }

  private void setPasswordHash(String username, String hash) throws Exception {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement update =
            connection.prepareStatement(
                "update app_user set password_hash = ? where username = ?")) {
      update.setString(1, hash);
      update.setString(2, username);
      assertThat(update.executeUpdate()).isEqualTo(1);
    }
  }

  private String passwordHash(String username) throws Exception {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select =
            connection.prepareStatement("select password_hash from app_user where username = ?")) {
      select.setString(1, username);
      try (var rows = select.executeQuery()) {
        assertThat(rows.next()).isTrue();
        return rows.getString(1);
      }
    }
  }

  @Test
  void shouldRefuseMalformedLogins() {
    given()
        .contentType("application/json")
        .body("{\"username\":\"\"}")
        .post("/api/auth/login")
        .then()
        .statusCode(400)
        .body("errors.field", contains("password", "username"));
    given()
        .contentType("application/json")
        .body("{\"username\": [1]}")
        .post("/api/auth/login")
        .then()
        .statusCode(400);
    given().contentType("text/plain").body("x").post("/api/auth/login").then().statusCode(415);
  }

  @Test
  void shouldRefuseTheTokenOfASignedOutSessionAndTellEveryVerifier() {
    String name = uniqueName();
    String token = register(name).statusCode(201).extract().path("token");
    String sessionId = claim(token, "sid");

    given().auth().oauth2(token).post("/api/auth/logout").then().statusCode(204);

    given()
        .auth()
        .oauth2(token)
        .get("/api/auth/me")
        .then()
        .statusCode(401)
        .body("code", equalTo("invalid_token"));
    given().auth().oauth2(token).post("/api/auth/logout").then().statusCode(401);
    ConsumerRecord<String, String> event =
        new KafkaProbe(bootstrapServers)
            .find(Topics.AUTH_EVENTS, record -> record.value().contains(sessionId));
    assertThat(event.key()).isEqualTo(claim(token, "sub"));
    assertThat(event.value()).contains("\"type\": \"session.revoked\"");
  }

  @Test
  void shouldKeepTheOtherSessionsOfTheUserAfterALogout() {
    String name = uniqueName();
    String first = register(name).statusCode(201).extract().path("token");
    String second = login(name, PASSWORD, "198.51.100.8").statusCode(200).extract().path("token");

    given().auth().oauth2(first).post("/api/auth/logout").then().statusCode(204);

    given().auth().oauth2(second).get("/api/auth/me").then().statusCode(200);
  }

  @Test
  void shouldAskForATokenOnLogout() {
    given()
        .post("/api/auth/logout")
        .then()
        .statusCode(401)
        .body("code", equalTo("unauthenticated"));
  }

  @Test
  void shouldRefuseLoginForADeletedAccount() throws Exception {
    String name = uniqueName();
    String token = register(name).statusCode(201).extract().path("token");
    try (Connection connection = dataSource.getConnection();
        PreparedStatement delete =
            connection.prepareStatement(
                "UPDATE app_user SET deleted_at = now() WHERE username = ?")) {
      delete.setString(1, name);
      assertThat(delete.executeUpdate()).isEqualTo(1);
    }

    login(name, PASSWORD, "198.51.100.9")
        .statusCode(401)
        .body("code", equalTo("invalid_credentials"));
    given().auth().oauth2(token).get("/api/auth/me").then().statusCode(404);
  }

  @Test
  void shouldAskForATokenOnMe() {
    given().get("/api/auth/me").then().statusCode(401).body("code", equalTo("unauthenticated"));
  }

  private static String claim(String token, String name) {
    String claims =
        new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8);
    return claims.replaceAll(".*\"" + name + "\":\"([^\"]+)\".*", "$1");
  }

  private static String strip(String problem) {
    return problem.replaceAll("\"requestId\":\"[^\"]*\"", "");
  }
}
