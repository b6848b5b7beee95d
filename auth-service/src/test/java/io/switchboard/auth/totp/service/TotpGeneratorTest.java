package io.switchboard.auth.totp.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.auth.totp.TotpAlgorithm;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The generator against RFC 6238 Appendix B (8 digits, 30-second steps, T0 = 0). */
class TotpGeneratorTest {

  private static final byte[] SHA1_SEED = ascii("12345678901234567890");
  private static final byte[] SHA256_SEED = ascii("12345678901234567890123456789012");
  private static final byte[] SHA512_SEED =
      ascii("1234567890123456789012345678901234567890123456789012345678901234");

  @ParameterizedTest
  @CsvSource({
    "59, 94287082",
    "1111111109, 07081804",
    "1111111111, 14050471",
    "1234567890, 89005924",
    "2000000000, 69279037",
    "20000000000, 65353130"
  })
  void shouldProduceTheRfc6238Sha1Vectors(long time, String expected) {
    TotpGenerator generator = new TotpGenerator(TotpAlgorithm.SHA1, 8, 30);

    assertThat(generator.code(SHA1_SEED, generator.stepAt(time))).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource({
    "59, 46119246, 90693936",
    "1111111109, 68084774, 25091201",
    "1111111111, 67062674, 99943326",
    "1234567890, 91819424, 93441116",
    "2000000000, 90698825, 38618901",
    "20000000000, 77737706, 47863826"
  })
  void shouldProduceTheRfc6238Sha256AndSha512Vectors(long time, String sha256, String sha512) {
    TotpGenerator with256 = new TotpGenerator(TotpAlgorithm.SHA256, 8, 30);
    TotpGenerator with512 = new TotpGenerator(TotpAlgorithm.SHA512, 8, 30);

    assertThat(with256.code(SHA256_SEED, with256.stepAt(time))).isEqualTo(sha256);
    assertThat(with512.code(SHA512_SEED, with512.stepAt(time))).isEqualTo(sha512);
  }

  @Test
  void shouldKeepLeadingZerosOfSixDigitCodes() {
    TotpGenerator generator = new TotpGenerator(TotpAlgorithm.SHA1, 6, 30);

    assertThat(generator.code(SHA1_SEED, generator.stepAt(1111111109))).isEqualTo("081804");
  }

  @Test
  void shouldCountStepsOfTheConfiguredPeriodFromTheEpoch() {
    TotpGenerator generator = new TotpGenerator(TotpAlgorithm.SHA1, 6, 30);

    assertThat(generator.stepAt(0)).isZero();
    assertThat(generator.stepAt(29)).isZero();
    assertThat(generator.stepAt(30)).isEqualTo(1);
    assertThat(new TotpGenerator(TotpAlgorithm.SHA1, 6, 60).stepAt(119)).isEqualTo(1);
  }

  @Test
  void shouldRefuseDigitsOutsideSixToEight() {
    assertThatThrownBy(() -> new TotpGenerator(TotpAlgorithm.SHA1, 5, 30))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new TotpGenerator(TotpAlgorithm.SHA1, 9, 30))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }
}
