package io.switchboard.auth.totp.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class Base32Test {

  @ParameterizedTest
  @CsvSource({
    "'', ''",
    "f, MY",
    "fo, MZXQ",
    "foo, MZXW6",
    "foob, MZXW6YQ",
    "fooba, MZXW6YTB",
    "foobar, MZXW6YTBOI"
  })
  void shouldEncodeTheRfc4648VectorsWithoutPadding(String plain, String encoded) {
    assertThat(Base32.encode(plain.getBytes(StandardCharsets.US_ASCII))).isEqualTo(encoded);
    assertThat(Base32.decode(encoded)).isEqualTo(plain.getBytes(StandardCharsets.US_ASCII));
  }

  @Test
  void shouldDecodeWhatItEncodesIgnoringCaseSpacesAndPadding() {
    byte[] bytes = new byte[20];
    new SecureRandom().nextBytes(bytes);
    String encoded = Base32.encode(bytes);

    assertThat(encoded).hasSize(32).matches("[A-Z2-7]+");
    assertThat(Base32.decode(encoded.toLowerCase())).isEqualTo(bytes);
    assertThat(Base32.decode("MZXW 6YQ=")).isEqualTo("foob".getBytes(StandardCharsets.US_ASCII));
  }

  @Test
  void shouldRefuseCharactersOutsideTheAlphabet() {
    assertThatThrownBy(() -> Base32.decode("MZXW1")).isInstanceOf(IllegalArgumentException.class);
  }
}
