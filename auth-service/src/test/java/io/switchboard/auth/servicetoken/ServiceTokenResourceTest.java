package io.switchboard.auth.servicetoken;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import io.switchboard.defaults.service.ServiceCredentials;
import io.switchboard.testing.SwitchboardTestResource;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(
    value = SwitchboardTestResource.class,
    initArgs = @ResourceArg(name = "testKeys", value = "false"))
class ServiceTokenResourceTest {

  private static final String SERVICE = "model-service";
  private static final Path CLIENTS = Path.of("target/test-data/service-secrets");
  private static String secret;

  @BeforeAll
  static void registerTheService() throws Exception {
    secret = ServiceCredentials.newSecret();
    Files.createDirectories(CLIENTS);
    Files.writeString(CLIENTS.resolve(SERVICE), secret + "\n");
  }

  private static ValidatableResponse request(String authorization) {
    var request = given();
    if (authorization != null) {
      request = request.header("Authorization", authorization);
    }
    return request.post("/internal/service-tokens").then();
  }

  private static String basic(String name, String password) {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((name + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void shouldIssueAShortLivedServiceTokenForTheRightSecret() throws Exception {
    String token =
        request(basic(SERVICE, secret))
            .statusCode(200)
            .body("expiresAt", notNullValue())
            .extract()
            .path("token");
    JwtClaims claims =
        new JwtConsumerBuilder()
            .setSkipSignatureVerification()
            .setSkipDefaultAudienceValidation()
            .build()
            .processToClaims(token);
    assertThat(claims.getSubject()).isEqualTo(SERVICE);
    assertThat(claims.getClaimValueAsString("typ")).isEqualTo("service");
    assertThat(claims.getStringListClaimValue("groups")).containsExactly("service");
    assertThat(claims.hasClaim("sid")).isFalse();
    long lifetime = claims.getExpirationTime().getValue() - claims.getIssuedAt().getValue();
    assertThat(Duration.ofSeconds(lifetime)).isEqualTo(Duration.ofMinutes(5));
    assertThat(Instant.ofEpochSecond(claims.getExpirationTime().getValue())).isAfter(Instant.now());
  }

  @Test
  void shouldHaveItsTokenAcceptedOnAnInternalEndpoint() {
    String token = request(basic(SERVICE, secret)).statusCode(200).extract().path("token");
    given()
        .auth()
        .oauth2(token)
        .contentType("application/json")
        .body("{\"channelType\":\"telegram\",\"channelUserId\":\"svc-token-test\"}")
        .post("/internal/link-codes")
        .then()
        .statusCode(201);
  }

  @Test
  void shouldRefuseItsTokenOnAUserEndpoint() {
    String token = request(basic(SERVICE, secret)).statusCode(200).extract().path("token");
    given().auth().oauth2(token).get("/api/auth/me").then().statusCode(403);
  }

  @Test
  void shouldRefuseAWrongSecret() {
    request(basic(SERVICE, secret + "x"))
        .statusCode(401)
        .contentType("application/problem+json")
        .body("code", equalTo("invalid_client"));
  }

  @Test
  void shouldRefuseAnUnknownServiceWithTheSameAnswer() {
    request(basic("no-such-service", secret))
        .statusCode(401)
        .body("code", equalTo("invalid_client"))
        .body("detail", equalTo("Unknown service or wrong secret"));
  }

  @Test
  void shouldRefuseAServiceNameThatIsAPath() {
    request(basic("../service-secrets/" + SERVICE, secret))
        .statusCode(401)
        .body("code", equalTo("invalid_client"));
  }

  @Test
  void shouldRefuseMissingOrMalformedCredentials() {
    request(null).statusCode(401).body("code", equalTo("invalid_client"));
    request("Basic !!!not-base64").statusCode(401).body("code", equalTo("invalid_client"));
    request("Basic " + Base64.getEncoder().encodeToString("no-colon".getBytes()))
        .statusCode(401)
        .body("code", equalTo("invalid_client"));
    request(basic(SERVICE, "")).statusCode(401).body("code", equalTo("invalid_client"));
  }
}
