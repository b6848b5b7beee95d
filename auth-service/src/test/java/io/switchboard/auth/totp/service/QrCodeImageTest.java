package io.switchboard.auth.totp.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.nayuki.qrcodegen.QrCode;
import io.switchboard.auth.totp.TotpFixtures;
import org.junit.jupiter.api.Test;

class QrCodeImageTest {

  private static final String URL =
      "otpauth://totp/Switchboard:alice?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
          + "&issuer=Switchboard&algorithm=SHA1&digits=6&period=30";

  @Test
  void shouldRenderEveryModuleOfTheTextsQrCodeInsideAWhiteQuietZone() throws Exception {
    String uri = QrCodeImage.dataUri(URL);

    assertThat(uri).startsWith("data:image/png;base64,");
    TotpFixtures.assertShowsQrCode(
        TotpFixtures.decodePng(uri), QrCode.encodeText(URL, QrCodeImage.ECC));
  }
}
