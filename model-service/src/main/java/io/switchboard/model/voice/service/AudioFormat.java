package io.switchboard.model.voice.service;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** Audio containers recognised by their first bytes (never by the declared type). */
public enum AudioFormat {
  WAV("audio/wav", "wav"),
  MP3("audio/mpeg", "mp3"),
  OGG("audio/ogg", "ogg"),
  WEBM("audio/webm", "webm"),
  FLAC("audio/flac", "flac"),
  M4A("audio/mp4", "m4a");

  private final String mimeType;
  private final String extension;

  AudioFormat(String mimeType, String extension) {
    this.mimeType = mimeType;
    this.extension = extension;
  }

  public String mimeType() {
    return mimeType;
  }

  public String extension() {
    return extension;
  }

  public static Optional<AudioFormat> detect(byte[] b) {
    if (b.length < 12) {
      return Optional.empty();
    }
    if (ascii(b, 0, "RIFF") && ascii(b, 8, "WAVE")) {
      return Optional.of(WAV);
    }
    if (ascii(b, 0, "ID3")
        || ((b[0] & 0xff) == 0xff && (b[1] & 0xe0) == 0xe0 && (b[1] & 0x06) != 0)) {
      return Optional.of(MP3);
    }
    if (ascii(b, 0, "OggS")) {
      return Optional.of(OGG);
    }
    if ((b[0] & 0xff) == 0x1a
        && (b[1] & 0xff) == 0x45
        && (b[2] & 0xff) == 0xdf
        && (b[3] & 0xff) == 0xa3) {
      return Optional.of(WEBM);
    }
    if (ascii(b, 0, "fLaC")) {
      return Optional.of(FLAC);
    }
    if (ascii(b, 4, "ftyp")) {
      return Optional.of(M4A);
    }
    return Optional.empty();
  }

  /** A WAV file's duration from its {@code fmt } byte rate and {@code data} size, if readable. */
  public static Optional<Long> wavDurationMs(byte[] b) {
    ByteBuffer buf = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
    int pos = 12;
    long byteRate = 0;
    while (pos + 8 <= b.length) {
      String id = new String(b, pos, 4, StandardCharsets.US_ASCII);
      long size = buf.getInt(pos + 4) & 0xffffffffL;
      if (id.equals("fmt ") && pos + 16 <= b.length) {
        byteRate = buf.getInt(pos + 16) & 0xffffffffL;
      } else if (id.equals("data") && byteRate > 0) {
        long data = Math.min(size, b.length - pos - 8L);
        return Optional.of(data * 1000 / byteRate);
      }
      pos += 8 + (int) Math.min(size + (size & 1), Integer.MAX_VALUE - pos - 8L);
    }
    return Optional.empty();
  }

  private static boolean ascii(byte[] b, int offset, String s) {
    if (b.length < offset + s.length()) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      if (b[offset + i] != (byte) s.charAt(i)) {
        return false;
      }
    }
    return true;
  }
}
