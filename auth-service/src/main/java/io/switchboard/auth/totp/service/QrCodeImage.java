package io.switchboard.auth.totp.service;

import io.nayuki.qrcodegen.QrCode;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.zip.CRC32;
import java.util.zip.DeflaterOutputStream;

/**
 * Renders text as a QR code PNG (black on white, quiet zone of four modules) in a data URI. The PNG
 * (1-bit greyscale) is written by hand rather than through {@code javax.imageio}, which would pull
 * AWT into a native image.
 */
public final class QrCodeImage {

  /** Pixels per module. */
  public static final int SCALE = 5;

  /** Modules of white border on each side (the QR quiet zone). */
  public static final int BORDER = 4;

  /** Error correction: medium (15%) is plenty on a screen and keeps the symbol small. */
  public static final QrCode.Ecc ECC = QrCode.Ecc.MEDIUM;

  private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

  private QrCodeImage() {}

  public static String dataUri(String text) {
    return "data:image/png;base64," + Base64.getEncoder().encodeToString(png(text));
  }

  static byte[] png(String text) {
    QrCode qr = QrCode.encodeText(text, ECC);
    int pixels = (qr.size + 2 * BORDER) * SCALE;
    try {
      ByteArrayOutputStream file = new ByteArrayOutputStream();
      file.write(SIGNATURE);
      ByteArrayOutputStream header = new ByteArrayOutputStream();
      DataOutputStream ihdr = new DataOutputStream(header);
      ihdr.writeInt(pixels);
      ihdr.writeInt(pixels);
      ihdr.writeByte(1); // bit depth
      ihdr.writeByte(0); // greyscale
      ihdr.writeByte(0); // deflate
      ihdr.writeByte(0); // adaptive filtering, filter type 0 on every row
      ihdr.writeByte(0); // no interlace
      chunk(file, "IHDR", header.toByteArray());
      chunk(file, "IDAT", rows(qr, pixels));
      chunk(file, "IEND", new byte[0]);
      return file.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Deflated scanlines: a filter byte, then one bit per pixel, 1 = white. */
  private static byte[] rows(QrCode qr, int pixels) throws IOException {
    int rowBytes = (pixels + 7) / 8;
    ByteArrayOutputStream compressed = new ByteArrayOutputStream();
    try (DeflaterOutputStream out = new DeflaterOutputStream(compressed)) {
      for (int y = 0; y < pixels; y++) {
        byte[] row = new byte[rowBytes + 1];
        for (int x = 0; x < pixels; x++) {
          if (!qr.getModule(x / SCALE - BORDER, y / SCALE - BORDER)) {
            row[1 + x / 8] |= (byte) (0x80 >>> (x % 8));
          }
        }
        out.write(row);
      }
    }
    return compressed.toByteArray();
  }

  private static void chunk(ByteArrayOutputStream file, String type, byte[] data)
      throws IOException {
    DataOutputStream out = new DataOutputStream(file);
    byte[] name = type.getBytes(StandardCharsets.US_ASCII);
    out.writeInt(data.length);
    out.write(name);
    out.write(data);
    CRC32 crc = new CRC32();
    crc.update(name);
    crc.update(data);
    out.writeInt((int) crc.getValue());
  }
}
