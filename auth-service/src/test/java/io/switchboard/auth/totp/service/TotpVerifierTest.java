package io.switchboard.auth.totp.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.auth.totp.TotpAlgorithm;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** The acceptance window and the replay rule, on a fixed clock. */
class TotpVerifierTest {

  private static final byte[] KEY = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);
  private static final long NOW = 1_700_000_015L;
  private static final TotpGenerator GENERATOR = new TotpGenerator(TotpAlgorithm.SHA1, 6, 30);
  private static final long STEP = GENERATOR.stepAt(NOW);

  private final TotpVerifier verifier =
      new TotpVerifier(GENERATOR, 1, Clock.fixed(Instant.ofEpochSecond(NOW), ZoneOffset.UTC));

  @Test
  void shouldAcceptTheCodeOfTheCurrentStep() {
    assertThat(verifier.acceptedStep(KEY, code(STEP), null)).hasValue(STEP);
  }

  @Test
  void shouldAcceptOneStepOfSkewEitherSide() {
    assertThat(verifier.acceptedStep(KEY, code(STEP - 1), null)).hasValue(STEP - 1);
    assertThat(verifier.acceptedStep(KEY, code(STEP + 1), null)).hasValue(STEP + 1);
  }

  @Test
  void shouldRefuseTwoStepsOfSkew() {
    assertThat(verifier.acceptedStep(KEY, code(STEP - 2), null)).isEmpty();
    assertThat(verifier.acceptedStep(KEY, code(STEP + 2), null)).isEmpty();
  }

  @Test
  void shouldWidenTheWindowWhenConfigured() {
    TotpVerifier lenient =
        new TotpVerifier(GENERATOR, 2, Clock.fixed(Instant.ofEpochSecond(NOW), ZoneOffset.UTC));

    assertThat(lenient.acceptedStep(KEY, code(STEP - 2), null)).hasValue(STEP - 2);
  }

  @Test
  void shouldRefuseACodeOfTheLastAcceptedStep() {
    assertThat(verifier.acceptedStep(KEY, code(STEP), STEP)).isEmpty();
  }

  @Test
  void shouldRefuseAnEarlierStepAfterALaterOneWasAccepted() {
    assertThat(verifier.acceptedStep(KEY, code(STEP - 1), STEP)).isEmpty();
    assertThat(verifier.acceptedStep(KEY, code(STEP), STEP + 1)).isEmpty();
    assertThat(verifier.acceptedStep(KEY, code(STEP + 1), STEP)).hasValue(STEP + 1);
  }

  @Test
  void shouldRefuseCodesOfTheWrongShapeOrKey() {
    assertThat(verifier.acceptedStep(KEY, code(STEP).substring(1), null)).isEmpty();
    assertThat(verifier.acceptedStep(KEY, code(STEP) + "0", null)).isEmpty();
    assertThat(verifier.acceptedStep(KEY, "12a456", null)).isEmpty();
    byte[] otherKey = "09876543210987654321".getBytes(StandardCharsets.US_ASCII);
    assertThat(verifier.acceptedStep(otherKey, code(STEP), null)).isEmpty();
  }

  private static String code(long step) {
    return GENERATOR.code(KEY, step);
  }
}
