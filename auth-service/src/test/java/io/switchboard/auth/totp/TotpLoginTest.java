package io.switchboard.auth.totp;

import static io.restassured.RestAssured.given;
import static io.switchboard.auth.account.Accounts.PASSWORD;
import static io.switchboard.auth.totp.TotpFixtures.code;
import static io.switchboard.auth.totp.TotpFixtures.login;
import static io.switchboard.auth.totp.TotpFixtures.postCode;
import static io.switchboard.auth.totp.TotpFixtures.setUp;
import static io.switchboard.auth.totp.TotpFixtures.stableStep;
import static io.switchboard.auth.totp.TotpFixtures.wrongCode;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.auth.account.Accounts;
import io.switchboard.testing.SwitchboardTestResource;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Login of accounts with TOTP set up or enabled. */
@QuarkusTest
@WithTestResource(
    value = SwitchboardTestResource.class,
    initArgs = @ResourceArg(name = "testKeys", value = "false"))
class TotpLoginTest {

  @Test
  void shouldAskAnEnabledAccountForARightCode() throws Exception {
    String name = Accounts.uniqueName();
    String token = Accounts.register(name).statusCode(201).extract().path("token");
    String secret = setUp(token);
    long step = stableStep();
    postCode(token, "enable", code(secret, step)).statusCode(200);

    login(name, PASSWORD, null).statusCode(401).body("code", equalTo("totp_required"));
    login(name, PASSWORD, " ").statusCode(401).body("code", equalTo("totp_required"));
    login(name, PASSWORD, wrongCode(secret, step))
        .statusCode(401)
        .body("code", equalTo("invalid_totp"));
    String signedIn =
        login(name, PASSWORD, code(secret, step + 1))
            .statusCode(200)
            .body("user.totpEnabled", equalTo(true))
            .extract()
            .path("token");

    given().auth().oauth2(signedIn).get("/api/auth/me").then().body("totpEnabled", equalTo(true));
    login(name, PASSWORD, code(secret, step + 1))
        .statusCode(401)
        .body("code", equalTo("invalid_totp"));
  }

  @Test
  void shouldCheckThePasswordBeforeSayingACodeIsNeeded() throws Exception {
    String name = Accounts.uniqueName();
    String token = Accounts.register(name).statusCode(201).extract().path("token");
    String secret = setUp(token);
    long step = stableStep();
    postCode(token, "enable", code(secret, step)).statusCode(200);

    login(name, "not the password", null)
        .statusCode(401)
        .body("code", equalTo("invalid_credentials"));
    login(name, "not the password", code(secret, step + 1))
        .statusCode(401)
        .body("code", equalTo("invalid_credentials"));
  }

  @Test
  void shouldSignInWithARecoveryCodeOnlyOnce() throws Exception {
    String name = Accounts.uniqueName();
    String token = Accounts.register(name).statusCode(201).extract().path("token");
    String secret = setUp(token);
    List<String> recovery =
        postCode(token, "enable", code(secret, stableStep()))
            .statusCode(200)
            .extract()
            .path("recoveryCodes");

    login(name, PASSWORD, recovery.get(3)).statusCode(200);

    login(name, PASSWORD, recovery.get(3)).statusCode(401).body("code", equalTo("invalid_totp"));
    login(name, PASSWORD, recovery.get(4).toUpperCase().replace("-", "")).statusCode(200);
  }

  @Test
  void shouldNotAskForACodeWhileTotpIsOnlySetUp() {
    String name = Accounts.uniqueName();
    String token = Accounts.register(name).statusCode(201).extract().path("token");
    setUp(token);

    login(name, PASSWORD, null).statusCode(200).body("user.totpEnabled", equalTo(false));
  }

  @Test
  void shouldThrottleTheSecondFactorAfterFiveWrongCodesAtLogin() throws Exception {
    String name = Accounts.uniqueName();
    String token = Accounts.register(name).statusCode(201).extract().path("token");
    String secret = setUp(token);
    long step = stableStep();
    postCode(token, "enable", code(secret, step)).statusCode(200);
    for (int i = 0; i < 5; i++) {
      login(name, PASSWORD, wrongCode(secret, step)).statusCode(401);
    }

    login(name, PASSWORD, code(secret, step + 1)).statusCode(429);
    postCode(token, "verify", code(secret, step + 1)).statusCode(429);
  }
}
