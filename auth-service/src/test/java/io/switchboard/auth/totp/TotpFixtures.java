package io.switchboard.auth.totp;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.nayuki.qrcodegen.QrCode;
import io.restassured.response.ValidatableResponse;
import io.switchboard.auth.totp.service.Base32;
import io.switchboard.auth.totp.service.QrCodeImage;
import io.switchboard.auth.totp.service.TotpGenerator;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;

/** Fixtures of the TOTP tests: API calls, codes of chosen steps, oathtool, QR images. */
public final class TotpFixtures {

  public static final Path OATHTOOL = Path.of("/usr/bin/oathtool");
  private static final TotpGenerator GENERATOR = new TotpGenerator(TotpAlgorithm.SHA1, 6, 30);

  private TotpFixtures() {}

  public static ValidatableResponse post(String token, String action, String body) {
    return given()
        .auth()
        .oauth2(token)
        .contentType("application/json")
        .body(body)
        .post("/api/auth/totp/" + action)
        .then();
  }

  public static ValidatableResponse postCode(String token, String action, String code) {
    return post(token, action, "{\"code\":\"" + code + "\"}");
  }

  /** Sets up TOTP for the account and answers its base32 secret. */
  public static String setUp(String token) {
    return given()
        .auth()
        .oauth2(token)
        .post("/api/auth/totp/setup")
        .then()
        .statusCode(200)
        .extract()
        .path("secret");
  }

  /** Logs in with a TOTP code ({@code null}: without one) from a client address of its own. */
  public static ValidatableResponse login(String username, String password, String totpCode) {
    String code = totpCode == null ? "" : ",\"totpCode\":\"" + totpCode + "\"";
    return given()
        .contentType("application/json")
        .header("X-Forwarded-For", "192.0.2." + (1 + (int) (Math.random() * 250)))
        .body("{\"username\":\"" + username + "\",\"password\":\"" + password + "\"" + code + "}")
        .post("/api/auth/login")
        .then();
  }

  /**
   * The current time step, after waiting out the last seconds of a step, so that a test's requests
   * all happen in the step it computed codes for.
   */
  public static long stableStep() throws InterruptedException {
    long now = System.currentTimeMillis();
    long left = 30_000 - now % 30_000;
    if (left < 4_000) {
      Thread.sleep(left + 100);
    }
    return GENERATOR.stepAt(System.currentTimeMillis() / 1000);
  }

  /** The code of a secret at a step, by this service's generator. */
  public static String code(String secret, long step) {
    return GENERATOR.code(Base32.decode(secret), step);
  }

  /** A 6-digit code that is none of the secret's codes near a step. */
  public static String wrongCode(String secret, long step) {
    for (int candidate = 0; ; candidate += 111_111) {
      String code = String.format("%06d", candidate);
      boolean valid = false;
      for (long s = step - 3; s <= step + 3; s++) {
        valid |= code.equals(code(secret, s));
      }
      if (!valid) {
        return code;
      }
    }
  }

  /** The code oathtool (OATH Toolkit, an independent implementation) gives at a time. */
  public static String oathtool(String secret, long epochSecond) throws Exception {
    Process process =
        new ProcessBuilder(OATHTOOL.toString(), "--totp", "-b", "-N", "@" + epochSecond, secret)
            .redirectErrorStream(true)
            .start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    assertThat(process.waitFor(10, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(out).isZero();
    assertThat(out).matches("\\d{6}");
    return out;
  }

  public static boolean oathtoolPresent() {
    return Files.isExecutable(OATHTOOL);
  }

  /** The image of a {@code data:image/png;base64,} URI. */
  public static BufferedImage decodePng(String dataUri) throws Exception {
    assertThat(dataUri).startsWith("data:image/png;base64,");
    byte[] png = Base64.getDecoder().decode(dataUri.substring(dataUri.indexOf(',') + 1));
    assertThat(png).startsWith(0x89, 'P', 'N', 'G');
    return ImageIO.read(new ByteArrayInputStream(png));
  }

  /** Checks that an image shows exactly {@code qr}'s modules, in a white quiet zone. */
  public static void assertShowsQrCode(BufferedImage image, QrCode qr) {
    int modules = qr.size + 2 * QrCodeImage.BORDER;
    int scale = QrCodeImage.SCALE;
    assertThat(image.getWidth()).isEqualTo(modules * scale);
    assertThat(image.getHeight()).isEqualTo(modules * scale);
    for (int y = 0; y < modules; y++) {
      for (int x = 0; x < modules; x++) {
        int rgb = image.getRGB(x * scale + scale / 2, y * scale + scale / 2) & 0xFFFFFF;
        boolean dark = qr.getModule(x - QrCodeImage.BORDER, y - QrCodeImage.BORDER);
        assertThat(rgb).as("module %d,%d", x, y).isEqualTo(dark ? 0x000000 : 0xFFFFFF);
      }
    }
  }
}
