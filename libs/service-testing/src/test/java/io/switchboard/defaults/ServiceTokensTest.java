package io.switchboard.defaults;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.defaults.problem.ProblemException;
import io.switchboard.defaults.service.ServiceTokens;
import io.switchboard.testing.SwitchboardTestResource;
import io.switchboard.testing.TestTokens;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(
    value = SwitchboardTestResource.class,
    initArgs = @io.quarkus.test.common.ResourceArg(name = "postgres", value = "false"))
class ServiceTokensTest {

  @Inject ServiceTokens tokens;

  @Test
  void shouldFetchAServiceTokenThatAnotherServiceAccepts() {
    given()
        .auth()
        .oauth2(tokens.bearer())
        .get("/probe/internal")
        .then()
        .statusCode(200)
        .body(equalTo("service:service-testing-probe"));
  }

  @Test
  void shouldReuseTheCachedTokenUntilItIsAboutToExpire() {
    String first = tokens.bearer();
    assertThat(tokens.bearer()).isSameAs(first);
    tokens.invalidate();
    assertThat(tokens.bearer()).isNotEqualTo(first);
  }

  @Test
  void shouldRefuseAUserTokenOnAnInternalEndpoint() {
    given()
        .auth()
        .oauth2(TestTokens.admin(UUID.randomUUID()))
        .get("/probe/internal")
        .then()
        .statusCode(403);
  }

  @Test
  void shouldAnswer503WhenAuthServiceRefusesTheSecret() {
    ServiceTokens wrongSecret =
        new ServiceTokens(
            authUrl(),
            "probe",
            Optional.of("not-the-secret"),
            java.nio.file.Path.of("target/none"),
            false,
            new com.fasterxml.jackson.databind.ObjectMapper());
    assertThatThrownBy(wrongSecret::bearer)
        .isInstanceOf(ProblemException.class)
        .satisfies(e -> assertThat(((ProblemException) e).problem().status()).isEqualTo(503));
  }

  @Test
  void shouldAnswer503WhenAuthServiceIsUnreachable() {
    ServiceTokens unreachable =
        new ServiceTokens(
            "http://127.0.0.1:1",
            "probe",
            Optional.of(TestTokens.SERVICE_SECRET),
            java.nio.file.Path.of("target/none"),
            false,
            new com.fasterxml.jackson.databind.ObjectMapper());
    assertThatThrownBy(unreachable::bearer)
        .isInstanceOf(ProblemException.class)
        .hasMessageContaining("unreachable");
  }

  private static String authUrl() {
    return org.eclipse.microprofile.config.ConfigProvider.getConfig()
        .getValue("switchboard.auth.url", String.class);
  }
}
