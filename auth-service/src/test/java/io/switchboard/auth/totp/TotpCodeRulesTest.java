package io.switchboard.auth.totp;

import static io.switchboard.auth.totp.TotpFixtures.code;
import static io.switchboard.auth.totp.TotpFixtures.postCode;
import static io.switchboard.auth.totp.TotpFixtures.setUp;
import static io.switchboard.auth.totp.TotpFixtures.stableStep;
import static io.switchboard.auth.totp.TotpFixtures.wrongCode;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.auth.account.Accounts;
import io.switchboard.testing.SwitchboardTestResource;
import org.junit.jupiter.api.Test;

/** Which codes the running service accepts: once each, ±1 step, and not after five wrong ones. */
@QuarkusTest
@WithTestResource(
    value = SwitchboardTestResource.class,
    initArgs = @ResourceArg(name = "testKeys", value = "false"))
class TotpCodeRulesTest {

  @Test
  void shouldAcceptACodeOnlyOnce() throws Exception {
    String token = Accounts.tokenOfNewAccount();
    String secret = setUp(token);
    String code = code(secret, stableStep());

    postCode(token, "enable", code).statusCode(200);

    postCode(token, "verify", code).statusCode(401).body("code", equalTo("invalid_totp"));
  }

  @Test
  void shouldRefuseTheCurrentStepsCodeOnceALaterStepWasUsed() throws Exception {
    String token = Accounts.tokenOfNewAccount();
    String secret = setUp(token);
    long step = stableStep();

    postCode(token, "enable", code(secret, step + 1)).statusCode(200);

    postCode(token, "verify", code(secret, step))
        .statusCode(401)
        .body("code", equalTo("invalid_totp"));
    postCode(token, "verify", code(secret, step - 1)).statusCode(401);
  }

  @Test
  void shouldAcceptOneStepOfClockSkewButNotTwo() throws Exception {
    String token = Accounts.tokenOfNewAccount();
    String secret = setUp(token);
    long step = stableStep();

    postCode(token, "enable", code(secret, step - 2)).statusCode(401);
    postCode(token, "enable", code(secret, step + 2)).statusCode(401);
    postCode(token, "enable", code(secret, step - 1)).statusCode(200);
    postCode(token, "verify", code(secret, step + 1)).statusCode(200);
  }

  @Test
  void shouldThrottleAfterFiveWrongCodes() throws Exception {
    String token = Accounts.tokenOfNewAccount();
    String secret = setUp(token);
    long step = stableStep();
    for (int i = 0; i < 5; i++) {
      postCode(token, "enable", wrongCode(secret, step))
          .statusCode(401)
          .body("code", equalTo("invalid_totp"));
    }

    postCode(token, "enable", code(secret, step))
        .statusCode(429)
        .header("Retry-After", notNullValue())
        .body("code", equalTo("rate_limited"));
  }
}
