package io.switchboard.auth.totp;

import static io.restassured.RestAssured.given;
import static io.switchboard.auth.totp.TotpFixtures.code;
import static io.switchboard.auth.totp.TotpFixtures.oathtool;
import static io.switchboard.auth.totp.TotpFixtures.postCode;
import static io.switchboard.auth.totp.TotpFixtures.setUp;
import static io.switchboard.auth.totp.TotpFixtures.stableStep;
import static io.switchboard.auth.totp.TotpFixtures.wrongCode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import io.nayuki.qrcodegen.QrCode;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import io.switchboard.auth.account.Accounts;
import io.switchboard.auth.totp.service.QrCodeImage;
import io.switchboard.testing.SwitchboardTestResource;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Setup, enable, verify and disable through the API, on the real database. */
@QuarkusTest
@WithTestResource(
    value = SwitchboardTestResource.class,
    initArgs = @ResourceArg(name = "testKeys", value = "false"))
class TotpResourceTest {

  @BeforeAll
  static void logFailures() {
    RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
  }

  @Test
  void shouldSetUpWithABase32SecretItsOtpauthUrlAndItsQrCode() throws Exception {
    String name = Accounts.uniqueName();
    String token = Accounts.register(name).statusCode(201).extract().path("token");

    JsonPath setup =
        given()
            .auth()
            .oauth2(token)
            .post("/api/auth/totp/setup")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();

    String secret = setup.getString("secret");
    assertThat(secret).matches("[A-Z2-7]{32}");
    String url = setup.getString("otpauthUrl");
    assertThat(url)
        .isEqualTo(
            "otpauth://totp/Switchboard:"
                + name
                + "?secret="
                + secret
                + "&issuer=Switchboard&algorithm=SHA1&digits=6&period=30");
    TotpFixtures.assertShowsQrCode(
        TotpFixtures.decodePng(setup.getString("qrCode")), QrCode.encodeText(url, QrCodeImage.ECC));
    given().auth().oauth2(token).get("/api/auth/me").then().body("totpEnabled", equalTo(false));
  }

  @Test
  void shouldEnableAndVerifyWithCodesFromOathtool() throws Exception {
    Assumptions.assumeTrue(TotpFixtures.oathtoolPresent(), "oathtool is not installed");
    String token = Accounts.tokenOfNewAccount();
    String secret = setUp(token);
    long now = System.currentTimeMillis() / 1000;

    postCode(token, "enable", oathtool(secret, now))
        .statusCode(200)
        .body("enabled", equalTo(true))
        .body("recoveryCodes", hasSize(10));
    postCode(token, "verify", oathtool(secret, now + 30))
        .statusCode(200)
        .body("valid", equalTo(true));

    given().auth().oauth2(token).get("/api/auth/me").then().body("totpEnabled", equalTo(true));
  }

  @Test
  void shouldReplaceAPendingSecretWhenSetUpAgain() throws Exception {
    String token = Accounts.tokenOfNewAccount();
    String first = setUp(token);
    String second = setUp(token);
    long step = stableStep();

    assertThat(second).isNotEqualTo(first);
    postCode(token, "enable", code(first, step)).statusCode(401);
    postCode(token, "enable", code(second, step)).statusCode(200);
  }

  @Test
  void shouldRefuseToEnableWithoutSetup() {
    String token = Accounts.tokenOfNewAccount();

    postCode(token, "enable", "123456").statusCode(409).body("code", equalTo("totp_not_set_up"));
  }

  @Test
  void shouldRefuseSetupAndEnableWhenAlreadyEnabled() throws Exception {
    String token = Accounts.tokenOfNewAccount();
    String secret = setUp(token);
    long step = stableStep();
    postCode(token, "enable", code(secret, step)).statusCode(200);

    given()
        .auth()
        .oauth2(token)
        .post("/api/auth/totp/setup")
        .then()
        .statusCode(409)
        .body("code", equalTo("totp_already_enabled"));
    postCode(token, "enable", code(secret, step + 1))
        .statusCode(409)
        .body("code", equalTo("totp_already_enabled"));
    postCode(token, "verify", code(secret, step + 1)).statusCode(200);
  }

  @Test
  void shouldRefuseVerifyAndDisableWhenNotEnabled() {
    String token = Accounts.tokenOfNewAccount();
    setUp(token);

    postCode(token, "verify", "123456").statusCode(409).body("code", equalTo("totp_not_enabled"));
    postCode(token, "disable", "123456").statusCode(409).body("code", equalTo("totp_not_enabled"));
  }

  @Test
  void shouldDisableWithACurrentCodeAndForgetTheSecret() throws Exception {
    String token = Accounts.tokenOfNewAccount();
    String secret = setUp(token);
    long step = stableStep();
    postCode(token, "enable", code(secret, step)).statusCode(200);

    postCode(token, "disable", wrongCode(secret, step)).statusCode(401);
    postCode(token, "disable", code(secret, step + 1))
        .statusCode(200)
        .body("enabled", equalTo(false));

    given().auth().oauth2(token).get("/api/auth/me").then().body("totpEnabled", equalTo(false));
    postCode(token, "enable", code(secret, step + 1))
        .statusCode(409)
        .body("code", equalTo("totp_not_set_up"));
  }

  @Test
  void shouldDisableWithARecoveryCodeThatThenNoLongerWorks() throws Exception {
    String token = Accounts.tokenOfNewAccount();
    String secret = setUp(token);
    long step = stableStep();
    List<String> recovery =
        postCode(token, "enable", code(secret, step))
            .statusCode(200)
            .extract()
            .path("recoveryCodes");
    assertThat(recovery).doesNotHaveDuplicates();

    postCode(token, "disable", recovery.get(0)).statusCode(200).body("enabled", equalTo(false));

    String newSecret = setUp(token);
    postCode(token, "enable", code(newSecret, step)).statusCode(200);
    postCode(token, "disable", recovery.get(0))
        .statusCode(401)
        .body("code", equalTo("invalid_totp"));
    postCode(token, "disable", recovery.get(1)).statusCode(401);
  }
}
