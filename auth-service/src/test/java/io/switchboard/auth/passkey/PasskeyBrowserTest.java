package io.switchboard.auth.passkey;

import static io.restassured.RestAssured.given;
import static io.switchboard.auth.account.Accounts.register;
import static io.switchboard.auth.account.Accounts.uniqueName;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.testing.SwitchboardTestResource;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * End to end with a real WebAuthn client: headless Chromium (Debian's package) with a DevTools
 * virtual authenticator (CTAP2, internal, resident keys, user verification) runs {@code
 * navigator.credentials.create/get} against the running service, from the test app's origin.
 * Skipped when {@code /usr/bin/chromium} is not installed.
 */
@QuarkusTest
@WithTestResource(
    value = SwitchboardTestResource.class,
    initArgs = @ResourceArg(name = "testKeys", value = "false"))
class PasskeyBrowserTest {

  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

  private static DevTools browser;

  @TestHTTPResource("/health")
  URL page;

  @BeforeAll
  static void launch() throws IOException, InterruptedException {
    Assumptions.assumeTrue(Files.isExecutable(CHROMIUM), "Chromium is not installed");
    browser = DevTools.launch(CHROMIUM);
  }

  @AfterAll
  static void quit() throws IOException, InterruptedException {
    if (browser != null) {
      browser.close();
    }
  }

  @Test
  void shouldRegisterAPasskeyAndSignInWithItFromChromium() throws Exception {
    String name = uniqueName();
    String token = register(name).statusCode(201).extract().path("token");
    String authenticator = openPageWithVirtualAuthenticator();
    try {
      JsonNode registered = call("passkeys.register('" + token + "', 'Chromium')");
      assertThat(registered.path("status").asInt()).as(registered.toString()).isEqualTo(201);
      String passkeyId = registered.path("body").path("passkey").path("id").asText();
      given()
          .auth()
          .oauth2(token)
          .get("/api/auth/me")
          .then()
          .statusCode(200)
          .body("passkeys[0].id", equalTo(passkeyId))
          .body("passkeys[0].name", equalTo("Chromium"));

      JsonNode byUsername = call("passkeys.signIn('" + name + "')");
      assertThat(byUsername.path("status").asInt()).as(byUsername.toString()).isEqualTo(200);
      given()
          .auth()
          .oauth2(byUsername.path("body").path("token").asText())
          .get("/api/auth/me")
          .then()
          .statusCode(200)
          .body("username", equalTo(name));

      JsonNode discoverable = call("passkeys.signIn(null)");
      assertThat(discoverable.path("status").asInt()).as(discoverable.toString()).isEqualTo(200);
      assertThat(discoverable.path("body").path("user").path("username").asText()).isEqualTo(name);

      JsonNode credentials =
          browser.call(
              "WebAuthn.getCredentials", DevTools.params().put("authenticatorId", authenticator));
      assertThat(credentials.path("credentials").get(0).path("signCount").asLong())
          .isGreaterThanOrEqualTo(2);

      given().auth().oauth2(token).delete("/api/auth/passkey/" + passkeyId).then().statusCode(204);
      JsonNode afterDelete = call("passkeys.signIn(null)");
      assertThat(afterDelete.path("status").asInt()).isEqualTo(401);
      assertThat(afterDelete.path("body").path("code").asText()).isEqualTo("invalid_passkey");
    } finally {
      browser.call(
          "WebAuthn.removeVirtualAuthenticator",
          DevTools.params().put("authenticatorId", authenticator));
    }
  }

  /** Opens a page of the test app (its origin is an allowed one) with the ceremony script. */
  private String openPageWithVirtualAuthenticator() throws Exception {
    browser.navigate(page.toString());
    browser.call("WebAuthn.enable", DevTools.params().put("enableUI", false));
    var options = DevTools.params();
    options
        .putObject("options")
        .put("protocol", "ctap2")
        .put("transport", "internal")
        .put("hasResidentKey", true)
        .put("hasUserVerification", true)
        .put("isUserVerified", true)
        .put("automaticPresenceSimulation", true);
    String id =
        browser.call("WebAuthn.addVirtualAuthenticator", options).path("authenticatorId").asText();
    try (InputStream script = getClass().getResourceAsStream("/passkey/ceremonies.js")) {
      assertThat(
              browser.evaluate(new String(script.readAllBytes(), StandardCharsets.UTF_8)).asText())
          .isEqualTo("ready");
    }
    return id;
  }

  private static JsonNode call(String expression) {
    return browser.evaluate(expression);
  }
}
