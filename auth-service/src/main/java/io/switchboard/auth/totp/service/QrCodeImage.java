package io.switchboard.auth.totp.service;

import io.nayuki.qrcodegen.QrCode;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import javax.imageio.ImageIO;

/** Renders text as a QR code PNG (black on white, quiet zone of four modules) in a data URI. */
public final class QrCodeImage {

  /** Pixels per module. */
  public static final int SCALE = 5;

  /** Modules of white border on each side (the QR quiet zone). */
  public static final int BORDER = 4;

  /** Error correction: medium (15%) is plenty on a screen and keeps the symbol small. */
  public static final QrCode.Ecc ECC = QrCode.Ecc.MEDIUM;

  private static final int BLACK = 0x000000;
  private static final int WHITE = 0xFFFFFF;

  private QrCodeImage() {}

  public static String dataUri(String text) {
    return "data:image/png;base64," + Base64.getEncoder().encodeToString(png(text));
  }

  static byte[] png(String text) {
    QrCode qr = QrCode.encodeText(text, ECC);
    int pixels = (qr.size + 2 * BORDER) * SCALE;
    BufferedImage image = new BufferedImage(pixels, pixels, BufferedImage.TYPE_BYTE_BINARY);
    for (int y = 0; y < pixels; y++) {
      for (int x = 0; x < pixels; x++) {
        boolean dark = qr.getModule(x / SCALE - BORDER, y / SCALE - BORDER);
        image.setRGB(x, y, dark ? BLACK : WHITE);
      }
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      if (!ImageIO.write(image, "png", out)) {
        throw new IllegalStateException("No PNG writer");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}
