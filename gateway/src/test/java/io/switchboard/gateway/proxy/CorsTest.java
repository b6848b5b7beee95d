package io.switchboard.gateway.proxy;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsStringIgnoringCase;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.switchboard.gateway.support.UpstreamsUp;
import io.switchboard.testing.TestTokens;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * CORS turned on by an operator still applies to the proxied paths: the proxy routes run ahead of
 * Quarkus' authentication handlers, but after its CORS handler ({@link ProxyRoutes#ORDER}).
 */
@QuarkusTest
@TestProfile(CorsTest.CorsOn.class)
class CorsTest {

  private static final String CONSOLE = "https://console.example";

  @Test
  void shouldAnswerAPreflightForAProxiedPathWithoutAToken() {
    given()
        .header("Origin", CONSOLE)
        .header("Access-Control-Request-Method", "POST")
        .header("Access-Control-Request-Headers", "authorization,content-type")
        .when()
        .options("/api/agents")
        .then()
        .statusCode(200)
        .header("Access-Control-Allow-Origin", CONSOLE)
        .header("Access-Control-Allow-Methods", containsStringIgnoringCase("POST"))
        .header("Access-Control-Allow-Headers", containsStringIgnoringCase("authorization"));
  }

  @Test
  void shouldAllowTheOriginOnAProxiedAnswer() {
    given()
        .header("Origin", CONSOLE)
        .auth()
        .oauth2(TestTokens.user())
        .when()
        .get("/api/agents")
        .then()
        .statusCode(200)
        .body("service", equalTo("agent-service"))
        .header("Access-Control-Allow-Origin", CONSOLE);
  }

  @Test
  void shouldRefuseAnotherOrigin() {
    given()
        .header("Origin", "https://elsewhere.example")
        .header("Access-Control-Request-Method", "GET")
        .when()
        .options("/api/agents")
        .then()
        .statusCode(403)
        .header("Access-Control-Allow-Origin", nullValue());
  }

  /** The fake services of {@link UpstreamsUp}, with CORS for one console origin. */
  public static class CorsOn extends UpstreamsUp {
    @Override
    public Map<String, String> getConfigOverrides() {
      Map<String, String> config = new HashMap<>(super.getConfigOverrides());
      config.put("quarkus.http.cors.enabled", "true");
      config.put("quarkus.http.cors.origins", CONSOLE);
      return config;
    }
  }
}
