package io.switchboard.auth.totp.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecoveryCodesTest {

  @Test
  void shouldMakeTenDistinctCodesOf80BitsInFourGroups() {
    List<String> codes = RecoveryCodes.generate(new SecureRandom());

    assertThat(codes).hasSize(10).doesNotHaveDuplicates();
    assertThat(codes)
        .allSatisfy(
            code -> assertThat(code).matches("[0-9a-hjkmnp-tv-z]{4}(-[0-9a-hjkmnp-tv-z]{4}){3}"));
  }

  @Test
  void shouldHashTheCodeAsTypedWhateverItsCaseDashesAndSpaces() {
    String hash = RecoveryCodes.hash("ab12-cd34-ef56-gh78");

    assertThat(hash).hasSize(64).matches("[0-9a-f]+");
    assertThat(RecoveryCodes.hash("AB12CD34 EF56GH78")).isEqualTo(hash);
    assertThat(RecoveryCodes.hash("ab12-cd34-ef56-gh79")).isNotEqualTo(hash);
  }
}
